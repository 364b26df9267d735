import type { SearchIndexData } from './build-index.ts';

/**
 * Loads the lazy index chunk (`virtual:summit/search-index`: a separate file, precached by the
 * PWA) on the main thread, which then hands it to the worker. The worker cannot import it
 * itself yet: Vite builds workers with `worker.plugins` only, and the posts plugin is not there.
 */
export async function loadIndex(): Promise<SearchIndexData> {
  const { index } = await import('virtual:summit/search-index');
  return index as SearchIndexData;
}

/**
 * Empties the module's index object once the worker has its copy. The module namespace keeps
 * it alive for good, and a 20 MB object graph on the main thread makes every major garbage
 * collection there a long task.
 */
export function releaseIndex(index: SearchIndexData): void {
  index.docs.length = 0;
  index.posts.length = 0;
}
