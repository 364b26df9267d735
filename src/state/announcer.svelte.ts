/** The text of the app's polite live region (rendered by App.svelte). */
export const announcer = $state({ message: '' });

/** Says something to screen-reader users, e.g. "Opened Superuser Award" or "Link copied". */
export function announce(message: string): void {
  // Clearing first makes a repeated message be announced again.
  announcer.message = '';
  queueMicrotask(() => {
    announcer.message = message;
  });
}
