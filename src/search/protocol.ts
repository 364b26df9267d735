import type { SearchIndexData } from './build-index.ts';
import type { SearchHit } from './engine.ts';

/** Main thread → search worker. */
export type WorkerRequest =
  | { type: 'load'; index: SearchIndexData }
  | { type: 'search'; id: number; channel: string; query: string; limit: number };

/** Search worker → main thread. */
export type WorkerReply =
  | { type: 'ready'; size: number; buildMs: number }
  | { type: 'result'; id: number; hits: SearchHit[]; ms: number }
  /** A newer query on the same channel arrived first: this one was skipped. */
  | { type: 'stale'; id: number }
  | { type: 'error'; id?: number; message: string };
