/// <reference lib="webworker" />
import { SearchEngine, STALE } from './engine.ts';
import { SearchUnavailable } from './errors.ts';
import type { WorkerReply, WorkerRequest } from './protocol.ts';

/**
 * The search worker: opens the index at the URL the main thread sends (so no download or
 * parsing is a main-thread task), then answers queries, fetching the shards and text chunks
 * each needs (cached). Per channel (one per search field) only the newest query counts: older
 * ones are answered `stale`, before they start or at their next wait, so a burst of keystrokes
 * costs one search.
 */
const scope = self as unknown as DedicatedWorkerGlobalScope;

let engine: SearchEngine | undefined;
let opened: () => void = () => {};
const ready = new Promise<void>((r) => (opened = r));
/** The newest query id per channel. */
const latest = new Map<string, number>();

const post = (m: WorkerReply) => scope.postMessage(m);
const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

async function open(url: string) {
  engine = new SearchEngine(url);
  opened();
  const t0 = performance.now();
  try {
    const size = await engine.size();
    performance.measure('summit-search: manifest', { start: t0 });
    post({ type: 'ready', size });
  } catch (err) {
    // Not fatal: the next query fetches the manifest again.
    post({ type: 'error', message: message(err), unavailable: err instanceof SearchUnavailable });
  }
}

async function run(req: Extract<WorkerRequest, { type: 'search' }>) {
  const stale = () => latest.get(req.channel) !== req.id;
  await ready;
  // Let queued messages arrive first: a newer query makes this one stale before it starts.
  await new Promise((r) => setTimeout(r, 0));
  if (stale()) return post({ type: 'stale', id: req.id });
  const t0 = performance.now();
  try {
    const hits = await engine!.search(req.query, req.limit, stale);
    if (stale()) return post({ type: 'stale', id: req.id });
    performance.measure('summit-search: query', { start: t0 });
    post({ type: 'result', id: req.id, hits, ms: performance.now() - t0 });
  } catch (err) {
    if (err === STALE) return post({ type: 'stale', id: req.id });
    post({
      type: 'error',
      id: req.id,
      message: message(err),
      unavailable: err instanceof SearchUnavailable,
    });
  }
}

scope.onmessage = (ev: MessageEvent<WorkerRequest>) => {
  const msg = ev.data;
  if (msg.type === 'load') return void open(msg.url);
  latest.set(msg.channel, msg.id);
  void run(msg);
};
