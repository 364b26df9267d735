/**
 * Ends the running task and resumes in a new one (`scheduler.yield` where the browser has it,
 * which resumes ahead of other queued work; a timer elsewhere), so the browser can paint and
 * handle input in between: a start cut into such steps holds the main thread briefly each time.
 */
export function nextTask(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Runs `work` once the main thread is idle (or after `timeout` ms of not being idle; after
 * `fallback` ms where the browser has no `requestIdleCallback`). Returns what cancels it.
 */
export function whenIdle(work: () => void, timeout: number, fallback: number): () => void {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(() => work(), { timeout });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(work, fallback);
  return () => clearTimeout(id);
}

/**
 * Runs `work` once the page has loaded and the main thread is idle (or after `timeout` ms of
 * not being idle): for what no reader waits for, such as the service worker's registration,
 * whose install (fetching the precache) would otherwise compete with the page's start.
 */
export function whenIdleAfterLoad(work: () => void, timeout = 3000): void {
  const idle = () => void whenIdle(work, timeout, 200);
  if (document.readyState === 'complete') idle();
  else addEventListener('load', idle, { once: true });
}
