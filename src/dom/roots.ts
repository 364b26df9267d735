/**
 * The app's roots in `#summit:app`: the header (SiteHeader.svelte) and the view (App.svelte),
 * each in a wrapper of its own, laid out as if it were not there (`display: contents`, app.css).
 * The build renders each root into its wrapper (src/build/prerender.ts); the app hydrates them
 * one task apart (src/app.ts), so no one task holds the page for the whole takeover.
 */
export const ROOT_ATTR = 'data-summit-root';
export type RootName = 'header' | 'view';
export const ROOT_NAMES: readonly RootName[] = ['header', 'view'];

/** The wrapper of one root, as the build writes it. */
export const rootWrapper = (name: RootName, markup: string) =>
  `<div ${ROOT_ATTR}="${name}">${markup}</div>`;
