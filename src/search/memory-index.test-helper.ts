// Test helper: the index files of some sections, served from memory to the engine, with a log
// of the requests and a way to break files (missing, corrupt).
import { buildSearchFiles, buildSearchRows, type SearchLayout } from '../build/search-index.ts';
import type { SectionDoc } from '../shared/types.ts';
import { SearchEngine } from './engine.ts';
import type { CacheLookup } from './store.ts';

export const BASE = 'https://example.test/assets/';

export function memoryIndex(sections: SectionDoc[], layout?: SearchLayout) {
  const rows = buildSearchRows(sections);
  const built = buildSearchFiles(JSON.parse(JSON.stringify(rows)), layout);
  const files = new Map(built.files);
  const url = `${BASE}${built.folder}/index.jsonz${built.urlHint}`;
  const requests: string[] = [];
  const fetcher = async (u: string) => {
    requests.push(u);
    const name = u.slice(`${BASE}${built.folder}/`.length).replace(/#.*/, '');
    const body = files.get(name);
    return body === undefined
      ? new Response('Not found', { status: 404 })
      : new Response(body, { headers: { 'Content-Type': 'application/json' } });
  };
  /** A service worker cache holding these files of the index (by name), or any other text. */
  const cache = (held: Map<string, string | Uint8Array<ArrayBuffer>>): CacheLookup => ({
    any: async () => true,
    match: async (u) => {
      const body = held.get(u.slice(`${BASE}${built.folder}/`.length));
      return body === undefined ? undefined : new Response(body);
    },
  });
  return {
    rows,
    built,
    files,
    url,
    requests,
    fetcher,
    cache,
    engine: (cached?: CacheLookup) => new SearchEngine(url, fetcher, cached),
  };
}
