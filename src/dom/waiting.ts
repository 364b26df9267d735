/**
 * The attribute a button has in a built page until the app starts: the build disables every
 * button of the server render and marks it (src/build/prerender.ts, `cleanMarkup`), since a
 * button does nothing before the app starts; the app, once it has hydrated the page, enables
 * the buttons it finds marked (`enableWaiting`). A button the client renders afresh has
 * neither.
 */
export const WAITING_ATTR = 'data-summit-waiting';

/** Enables the buttons the build disabled until the app started. */
export function enableWaiting(root: ParentNode): void {
  for (const el of root.querySelectorAll<HTMLButtonElement>(`button[${WAITING_ATTR}]`)) {
    el.disabled = false;
    el.removeAttribute(WAITING_ATTR);
  }
}
