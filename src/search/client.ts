import { url as indexUrl } from 'virtual:summit/search-index-url';
import type { SearchEngine, SearchHit } from './engine.ts';
import type { WorkerReply, WorkerRequest } from './protocol.ts';

export type SearchStatus = 'idle' | 'loading' | 'ready' | 'error';

interface Backend {
  /** Resolves with the hits, or null when a newer query on the channel replaced this one. */
  search(channel: string, query: string, limit: number): Promise<SearchHit[] | null>;
}

type Waiter = { resolve: (hits: SearchHit[] | null) => void; reject: (e: Error) => void };

/** Search in the worker; `onFail` is told when the worker dies, to fall back to the main thread. */
function workerBackend(worker: Worker, onReady: () => void, onFail: (e: Error) => void): Backend {
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
    if (m.type === 'ready') return onReady();
    const w = m.id === undefined ? undefined : waiting.get(m.id);
    if (m.id !== undefined) waiting.delete(m.id);
    if (m.type === 'result') w?.resolve(m.hits);
    else if (m.type === 'stale') w?.resolve(null);
    else if (m.type === 'error') {
      if (w) w.reject(new Error(m.message));
      else fail(new Error(m.message));
    }
  };
  worker.onerror = (ev) => {
    ev.preventDefault();
    fail(new Error(ev.message || 'the search worker failed'));
  };
  const send = (m: WorkerRequest) => worker.postMessage(m);
  // The worker fetches and parses the index itself: the main thread only sends its URL.
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
function inThreadBackend(onReady: () => void): Backend {
  const engine: Promise<SearchEngine> = Promise.all([import('./loader.ts'), import('./engine.ts')])
    .then(async ([loader, { SearchEngine }]) => new SearchEngine(await loader.fetchIndex(indexUrl)))
    .then((engine) => {
      onReady();
      return engine;
    });
  return {
    async search(_channel, query, limit) {
      return (await engine).search(query, limit);
    },
  };
}

/**
 * The one way the UI reaches search. The index is loaded on first use (`warm()`): in a Web
 * Worker when one can be started, else on the main thread.
 */
export class SearchClient {
  private backend: Promise<Backend> | undefined;
  /** Told when the index has loaded or failed to load. */
  onStatus: (s: SearchStatus) => void = () => {};

  warm(): void {
    this.ensure();
  }

  private ensure(): Promise<Backend> {
    this.backend ??= this.start();
    return this.backend;
  }

  private async start(): Promise<Backend> {
    this.onStatus('loading');
    const ready = () => this.onStatus('ready');
    try {
      const worker = new Worker(new URL('./worker.ts', import.meta.url), {
        type: 'module',
        name: 'summit-search',
      });
      return workerBackend(worker, ready, () => {
        // The worker could not run (e.g. no module workers): search on the main thread.
        this.backend = Promise.resolve(inThreadBackend(ready));
      });
    } catch {
      return inThreadBackend(ready);
    }
  }

  /**
   * Hits for `query`, best first, or null when a newer query on the same channel (one per
   * search field) made this one stale.
   */
  async search(channel: string, query: string, limit: number): Promise<SearchHit[] | null> {
    if (!query.trim()) return [];
    const backend = await this.ensure();
    try {
      return await backend.search(channel, query, limit);
    } catch (e) {
      // The worker died mid-query: ask again (the fallback is in place by now).
      const again = await this.ensure();
      if (again === backend) throw e;
      return again.search(channel, query, limit);
    }
  }
}

export const searchClient = new SearchClient();
