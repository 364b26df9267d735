import { url as indexUrl } from 'virtual:summit/search-index-url';
import type { SearchHit } from '../shared/search-types.ts';
import type { SearchEngine } from './engine.ts';
import { SearchUnavailable } from './errors.ts';
import type { WorkerReply, WorkerRequest } from './protocol.ts';

export { SearchUnavailable };

/** `error`: the index could not be opened (search asks again on the next query or retry). */
export type SearchStatus = 'idle' | 'loading' | 'ready' | 'error';

interface Backend {
  /** Resolves with the hits, or null when a newer query on the channel replaced this one. */
  search(channel: string, query: string, limit: number): Promise<SearchHit[] | null>;
}

type Waiter = { resolve: (hits: SearchHit[] | null) => void; reject: (e: Error) => void };

/** Search in the worker; `onFail` is told when the worker dies, to fall back to the main thread. */
function workerBackend(
  worker: Worker,
  onStatus: (s: SearchStatus) => void,
  onFail: (e: Error) => void,
): Backend {
  let nextId = 1;
  const waiting = new Map<number, Waiter>();
  const fail = (err: Error) => {
    for (const w of waiting.values()) w.reject(err);
    waiting.clear();
    worker.terminate();
    onFail(err);
  };
  worker.onmessage = (ev: MessageEvent<WorkerReply>) => {
    const m = ev.data;
    if (m.type === 'ready') return onStatus('ready');
    if (m.type === 'error' && m.id === undefined) return onStatus('error');
    const w = waiting.get(m.id!);
    waiting.delete(m.id!);
    if (m.type === 'result') {
      onStatus('ready');
      w?.resolve(m.hits);
    } else if (m.type === 'stale') w?.resolve(null);
    else if (m.type === 'error') {
      if (m.unavailable) onStatus('error');
      w?.reject(m.unavailable ? new SearchUnavailable(m.message) : new Error(m.message));
    }
  };
  worker.onerror = (ev) => {
    ev.preventDefault();
    fail(new Error(ev.message || 'the search worker failed'));
  };
  const send = (m: WorkerRequest) => worker.postMessage(m);
  // The worker fetches the index's files itself: the main thread only sends the manifest's URL.
  send({ type: 'load', url: indexUrl });
  return {
    search(channel, query, limit) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        send({ type: 'search', id, channel, query, limit });
      });
    },
  };
}

/** Search on the main thread: only when no worker can run. */
function inThreadBackend(onStatus: (s: SearchStatus) => void): Backend {
  const engine: Promise<SearchEngine> = import('./engine.ts').then(
    ({ SearchEngine }) => new SearchEngine(indexUrl),
  );
  void engine
    .then((e) => e.size())
    .then(
      () => onStatus('ready'),
      () => onStatus('error'),
    );
  const latest = new Map<string, number>();
  let next = 0;
  return {
    async search(channel, query, limit) {
      const id = ++next;
      latest.set(channel, id);
      const e = await engine;
      const stale = () => latest.get(channel) !== id;
      try {
        const hits = await e.search(query, limit, stale);
        onStatus('ready');
        return stale() ? null : hits;
      } catch (err) {
        if (stale()) return null;
        if (err instanceof SearchUnavailable) onStatus('error');
        throw err;
      }
    },
  };
}

/**
 * The one way the UI reaches search. The index is opened on first use (`warm()`): in a Web
 * Worker when one can be started, else on the main thread.
 */
export class SearchClient {
  private backend: Promise<Backend> | undefined;
  /** Told when the index has opened or failed to. */
  onStatus: (s: SearchStatus) => void = () => {};

  warm(): void {
    void this.ensure();
  }

  private ensure(): Promise<Backend> {
    this.backend ??= this.start();
    return this.backend;
  }

  private async start(): Promise<Backend> {
    this.onStatus('loading');
    const status = (s: SearchStatus) => this.onStatus(s);
    try {
      const worker = new Worker(new URL('./worker.ts', import.meta.url), {
        type: 'module',
        name: 'summit-search',
      });
      return workerBackend(worker, status, () => {
        // The worker could not run (e.g. no module workers): search on the main thread.
        this.backend = Promise.resolve(inThreadBackend(status));
      });
    } catch {
      return inThreadBackend(status);
    }
  }

  /**
   * Hits for `query`, best first, or null when a newer query on the same channel (one per
   * search field) made this one stale. Rejects with SearchUnavailable when a file of the index
   * could not be loaded or is not valid: the caller offers a retry, which fetches it again.
   */
  async search(channel: string, query: string, limit: number): Promise<SearchHit[] | null> {
    if (!query.trim()) return [];
    const backend = await this.ensure();
    try {
      return await backend.search(channel, query, limit);
    } catch (e) {
      if (e instanceof SearchUnavailable) throw e;
      // The worker died mid-query: ask again (the fallback is in place by now).
      const again = await this.ensure();
      if (again === backend) throw e;
      return again.search(channel, query, limit);
    }
  }
}

export const searchClient = new SearchClient();
