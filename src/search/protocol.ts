import type { SearchHit } from './engine.ts';

/** Main thread → search worker. */
export type WorkerRequest =
  /** Fetch the index (an absolute URL) and build the engine. */
  | { type: 'load'; url: string }
  | { type: 'search'; id: number; channel: string; query: string; limit: number };

/** Search worker → main thread. */
export type WorkerReply =
  /** The engine is built (timings: the worker's User Timing measures `summit-search: …`). */
  | { type: 'ready'; size: number }
  | { type: 'result'; id: number; hits: SearchHit[]; ms: number }
  /** A newer query on the same channel arrived first: this one was skipped. */
  | { type: 'stale'; id: number }
  | { type: 'error'; id?: number; message: string };
