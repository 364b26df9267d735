/// <reference lib="webworker" />
import { SearchEngine } from './engine.ts';
import { fetchIndex } from './loader.ts';
import type { WorkerReply, WorkerRequest } from './protocol.ts';

/**
 * The search worker: fetches the index from the URL the main thread sends (so neither the
 * download nor its parsing is a main-thread task), builds the engine (bigram postings), then
 * answers queries. Per channel (one per search field) only the newest queued query runs; older
 * ones are answered `stale`, so a burst of keystrokes costs one search.
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

/** Fetches the index and builds the engine; the two steps show as User Timing measures. */
async function load(url: string) {
  try {
    const t0 = performance.now();
    const index = await fetchIndex(url);
    const t1 = performance.now();
    engine = new SearchEngine(index);
    performance.measure('summit-search: fetch + parse index', { start: t0, end: t1 });
    performance.measure('summit-search: build engine', { start: t1 });
    post({ type: 'ready', size: engine.size });
    loaded();
  } catch (err) {
    post({ type: 'error', message: String(err) });
  }
}

scope.onmessage = (ev: MessageEvent<WorkerRequest>) => {
  const msg = ev.data;
  if (msg.type === 'load') return void load(msg.url);
  const older = pending.get(msg.channel);
  if (older) post({ type: 'stale', id: older.id });
  pending.set(msg.channel, msg);
  void drain();
};
