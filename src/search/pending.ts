/** What the post view should mark once it shows the talk the reader opened from a result. */
export interface PendingHighlight {
  slug: string;
  sectionId: string;
  /** Matched words, lower-case, as they appear in the talk. */
  terms: string[];
}

let pending: PendingHighlight | undefined;

/** Called just before navigating to a search result. */
export function setPendingHighlight(p: PendingHighlight): void {
  pending = { ...p, terms: [...p.terms] };
}

/** Takes the pending highlight if it is for this talk (it is used once). */
export function takePendingHighlight(
  slug: string,
  sectionId: string,
): PendingHighlight | undefined {
  if (!pending || pending.slug !== slug || pending.sectionId !== sectionId) return undefined;
  const p = pending;
  pending = undefined;
  return p;
}
