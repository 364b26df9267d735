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
