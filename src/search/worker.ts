/// <reference lib="webworker" />
import { SearchEngine } from './engine.ts';
import type { WorkerReply, WorkerRequest } from './protocol.ts';

/**
 * The search worker: builds the engine (bigram postings) from the index the main thread sends,
 * then answers queries. Per channel (one per search field) only the newest queued query runs;
 * older ones are answered `stale`, so a burst of keystrokes costs one search.
 */
const scope = self as unknown as DedicatedWorkerGlobalScope;
type SearchRequest = Extract<WorkerRequest, { type: 'search' }>;

let engine: SearchEngine | undefined;
let loaded: () => void = () => {};
const ready = new Promise<void>((r) => (loaded = r));
const pending = new Map<string, SearchRequest>();
let running = false;

const post = (m: WorkerReply) => scope.postMessage(m);

async function drain() {
  if (running) return;
  running = true;
  try {
    await ready;
    while (pending.size) {
      // Let queued messages arrive first: only the newest query per channel runs.
      await new Promise((r) => setTimeout(r, 0));
      const [channel, req] = pending.entries().next().value as [string, SearchRequest];
      pending.delete(channel);
      const t0 = performance.now();
      try {
        const hits = engine!.search(req.query, req.limit);
        post({ type: 'result', id: req.id, hits, ms: performance.now() - t0 });
      } catch (err) {
        post({ type: 'error', id: req.id, message: String(err) });
      }
    }
  } finally {
    running = false;
  }
}

scope.onmessage = (ev: MessageEvent<WorkerRequest>) => {
  const msg = ev.data;
  if (msg.type === 'load') {
    try {
      const t0 = performance.now();
      engine = new SearchEngine(msg.index);
      post({ type: 'ready', size: engine.size, buildMs: performance.now() - t0 });
      loaded();
    } catch (err) {
      post({ type: 'error', message: String(err) });
    }
    return;
  }
  const older = pending.get(msg.channel);
  if (older) post({ type: 'stale', id: older.id });
  pending.set(msg.channel, msg);
  void drain();
};
