/** Elements deeper than this in a post's HTML are unwrapped (their content is kept). */
export const MAX_HTML_DEPTH = 128;

const VOID = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
  'keygen',
  'frame',
]);
/** Elements that an open tag of the same name closes (`<p>a<p>b` are siblings, not nested). */
const SELF_CLOSING_SIBLINGS = new Set([
  'p',
  'li',
  'dt',
  'dd',
  'option',
  'optgroup',
  'tr',
  'td',
  'th',
  'rt',
  'rp',
]);
const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)/y;

/**
 * Caps how deep a post's raw HTML nests: tags that would open an element deeper than `max`
 * are cut, with their closing tags, and their content stays where it was. Deep nesting costs
 * every HTML parser time quadratic in the depth (100,000 nested `<div>` took 30 s to sanitise
 * and show). One linear pass over the text; it reads tags approximately (a `>` inside a quoted
 * attribute ends the tag early), which is enough to count depth: the sanitiser, not this, is
 * what keeps the page safe. Returns the text, how many tags were cut, and where the first was.
 */
export function limitHtmlDepth(
  html: string,
  max = MAX_HTML_DEPTH,
): { html: string; cut: number; firstCut: number } {
  const stack: string[] = [];
  const dropped = new Map<string, number>();
  const pieces: string[] = [];
  let kept = 0; // html[kept..] is not yet copied to pieces
  let cut = 0;
  let firstCut = -1;
  let gt = -1; // the next '>' at or after the scan position (cached: keeps the pass linear)
  let i = html.indexOf('<');
  while (i >= 0) {
    TAG.lastIndex = i;
    const m = TAG.exec(html);
    if (!m) {
      i = html.indexOf('<', i + 1);
      continue;
    }
    if (gt < i) gt = html.indexOf('>', i);
    if (gt < 0) break; // no tag closes after here
    const closing = m[1] === '/';
    const name = m[2]!.toLowerCase();
    let drop = false;
    if (closing) {
      const pending = dropped.get(name) ?? 0;
      if (pending > 0) {
        dropped.set(name, pending - 1);
        drop = true;
      } else {
        const at = stack.lastIndexOf(name);
        if (at >= 0) stack.length = at;
      }
    } else if (!VOID.has(name)) {
      if (SELF_CLOSING_SIBLINGS.has(name) && stack.at(-1) === name) stack.pop();
      if (stack.length >= max) {
        dropped.set(name, (dropped.get(name) ?? 0) + 1);
        drop = true;
      } else stack.push(name);
    }
    if (drop) {
      pieces.push(html.slice(kept, i));
      kept = gt + 1;
      cut++;
      if (firstCut < 0) firstCut = i;
    }
    i = html.indexOf('<', gt + 1);
  }
  if (!cut) return { html, cut, firstCut };
  pieces.push(html.slice(kept));
  return { html: pieces.join(''), cut, firstCut };
}
