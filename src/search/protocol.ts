import type { SearchHit } from '../shared/search-types.ts';

/** Main thread → search worker. */
export type WorkerRequest =
  /** Open the index (the manifest's absolute URL): fetch the manifest, ahead of any query. */
  | { type: 'load'; url: string }
  | { type: 'search'; id: number; channel: string; query: string; limit: number };

/** Search worker → main thread. */
export type WorkerReply =
  /** The manifest is loaded (timings: the worker's User Timing measures `summit-search: …`). */
  | { type: 'ready'; size: number }
  | { type: 'result'; id: number; hits: SearchHit[]; ms: number }
  /** A newer query on the same channel arrived first: this one was skipped or stopped. */
  | { type: 'stale'; id: number }
  /** `unavailable`: a file of the index could not be loaded or is not valid (try again later). */
  | { type: 'error'; id?: number; message: string; unavailable: boolean };
