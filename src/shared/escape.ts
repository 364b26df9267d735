/** Text for HTML element content: `&`, `<` and `>` escaped. */
export function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Text for a double-quoted HTML attribute (and element content): `"` escaped too. */
export function escapeAttr(s: string): string {
  return escapeText(s).replace(/"/g, '&quot;');
}
