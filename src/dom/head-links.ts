/**
 * The page's icons and web app manifest wait for the app. The browser fetches them as soon as
 * the page has loaded (and the manifest's icon after it), racing the first paint for the
 * network, yet no paint needs them: the build writes them with their `rel` in
 * `data-summit-rel` instead (src/build/prerender.ts, `deferHeadLinks`), which the browser does
 * not fetch, and a `data:` icon so that it does not ask for `/favicon.ico` either. The app,
 * once started (after the first paint, src/main.ts), gives them their `rel` back
 * (`activateHeadLinks`). A reader without JavaScript sees no favicon; installing the app needs
 * JavaScript anyway (the service worker).
 */
export const DEFERRED_REL_ATTR = 'data-summit-rel';

/** What the build writes in place of the icons until the app starts. */
export const PLACEHOLDER_ICON = '<link rel="icon" href="data:," data-summit-placeholder />';

/** The head's links with their deferred `rel` (the build's side). */
export const deferHeadLinks = (html: string) =>
  html.replace(
    /<link rel="(manifest|icon|apple-touch-icon)"/g,
    (_, rel: string) => `<link ${DEFERRED_REL_ATTR}="${rel}"`,
  );

/**
 * The head's icons and manifest, made absolute (the browser resolves a relative one again
 * after each History API move) and given their `rel` back. (Not the style sheet: a changed
 * href would load it again.)
 */
export function activateHeadLinks(head: HTMLHeadElement): void {
  for (const link of head.querySelectorAll<HTMLLinkElement>(
    'link[href]:not([rel~="stylesheet"]):not([data-summit-placeholder])',
  )) {
    link.setAttribute('href', link.href);
    const rel = link.getAttribute(DEFERRED_REL_ATTR);
    if (rel) {
      // A new element: Chromium looks for a manifest when one is added, not when a `rel` changes.
      const active = link.cloneNode() as HTMLLinkElement;
      active.removeAttribute(DEFERRED_REL_ATTR);
      active.rel = rel;
      link.replaceWith(active);
    }
  }
  if (head.querySelector('link[rel~="icon"]:not([data-summit-placeholder])'))
    head.querySelector('link[data-summit-placeholder]')?.remove();
}
