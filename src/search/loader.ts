import type { SearchIndexData } from './build-index.ts';

/**
 * Fetches and parses the search index (`assets/search-index-<hash>.json`, precached by the PWA;
 * its URL comes from `virtual:summit/search-index-url`). Run in the search worker, so neither
 * the 20 MB download nor its `JSON.parse` is a main-thread task; the in-thread fallback
 * (no worker) uses it too, so dist/ holds one copy of the index.
 */
export async function fetchIndex(url: string): Promise<SearchIndexData> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`the search index could not be loaded (HTTP ${res.status})`);
  const index = (await res.json()) as SearchIndexData;
  if (index?.v !== 1) throw new Error('the search index has an unknown format');
  return index;
}
