/**
 * What an element id that kramdown's extensions write becomes in the page, and what links to
 * it point at: `user-content-<id>` (DOMPurify's SANITIZE_NAMED_PROPS convention). Its own
 * module: the post view reads it in the browser (src/components/PostView.svelte).
 */
export const ELEMENT_ID_PREFIX = 'user-content-';
