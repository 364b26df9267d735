/**
 * Called by the post view once a talk has been scrolled into view. When the reader came from
 * a search result for this talk, marks the matched terms in it and returns a function that
 * removes the marks; otherwise returns undefined.
 */
export function highlightSection(
  _container: HTMLElement,
  _slug: string,
  _sectionId: string,
): (() => void) | undefined {
  return undefined;
}
