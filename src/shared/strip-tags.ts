/**
 * What `s.replace(/<[^>]*>/g, replacement)` does, in linear time. That regex is quadratic on
 * text with many `<` and no `>` after them (a line of 200,000 `<` took 27 s): each `<` scans
 * to the end of the text before the match fails. Here, once no `>` follows, nothing can match.
 */
export function stripTags(s: string, replacement = ''): string {
  let lt = s.indexOf('<');
  if (lt < 0) return s;
  let out = '';
  let from = 0;
  while (lt >= 0) {
    const gt = s.indexOf('>', lt + 1);
    if (gt < 0) break;
    out += s.slice(from, lt) + replacement;
    from = gt + 1;
    lt = s.indexOf('<', from);
  }
  return out + s.slice(from);
}
