import { searchClient, SearchUnavailable, type SearchStatus } from '../search/client.ts';
import type { SearchHit } from '../shared/search-types.ts';
import { whenIdle } from '../dom/yield.ts';
import { router } from './router.svelte.ts';
import { postHref } from './links.ts';

let channels = 0;

/**
 * The results of one search field. Each query gets a sequence number: a reply for an older
 * query never replaces the hits of a newer one.
 */
export class SearchResults {
  /** The query typed last. */
  query = $state('');
  /** The query `hits` answer (lags `query` while a search runs). */
  answered = $state('');
  hits = $state.raw<SearchHit[]>([]);
  busy = $state(false);
  error = $state('');
  /** A file of the index could not be loaded or is not valid: no results, and a retry. */
  unavailable = $state(false);
  readonly limit: number;
  private readonly channel = `field-${++channels}`;
  private seq = 0;

  constructor(limit: number) {
    this.limit = limit;
  }

  /** Asks again (after "search is unavailable"): the files that failed are fetched again. */
  retry(): Promise<void> {
    return this.set(this.query);
  }

  async set(query: string): Promise<void> {
    this.query = query;
    const seq = ++this.seq;
    if (!query.trim()) {
      this.hits = [];
      this.answered = query;
      this.busy = false;
      this.error = '';
      this.unavailable = false;
      return;
    }
    this.busy = true;
    try {
      const hits = await searchClient.search(this.channel, query, this.limit);
      if (seq !== this.seq || hits === null) return;
      this.hits = hits;
      this.answered = query;
      this.error = '';
      this.unavailable = false;
    } catch (e) {
      if (seq !== this.seq) return;
      // Never the results of another query as if they answered this one.
      this.hits = [];
      this.answered = '';
      this.unavailable = e instanceof SearchUnavailable;
      this.error = e instanceof Error ? e.message : String(e);
    } finally {
      if (seq === this.seq) this.busy = false;
    }
  }
}

/** App-wide search state: the index's status and the header box's results. */
class SearchState {
  status = $state<SearchStatus>('idle');
  readonly box = new SearchResults(8);

  constructor() {
    searchClient.onStatus = (s) => {
      this.status = s;
    };
  }

  /** Starts loading the index (in the worker) if it has not started yet. */
  warm(): void {
    searchClient.warm();
  }
}

export const search = new SearchState();

/** Where a result leads: the talk, with the matched words to highlight in its route. */
export function hitHref(hit: SearchHit): string {
  return postHref(hit.slug, hit.sectionId, hit.terms);
}

/** Opens a result: the talk, with the matched words highlighted. */
export function openHit(hit: SearchHit): void {
  router.go(hitHref(hit));
}

/** Loads the index once the browser is idle after the first render. */
export function warmWhenIdle(): () => void {
  return whenIdle(() => search.warm(), 4000, 1500);
}
