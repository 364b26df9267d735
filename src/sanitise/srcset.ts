/** One image candidate of a `srcset`: its URL and its descriptors (`2x`, `480w`), as written. */
export interface SrcsetCandidate {
  url: string;
  descriptors: string;
}

const isSpace = (c: string) => c === ' ' || c === '\t' || c === '\n' || c === '\f' || c === '\r';

/**
 * Splits a `srcset` exactly as the HTML standard's parser does ("parse a srcset attribute"):
 * a URL is everything up to white space (commas included: `a.png,data:…` is ONE URL); trailing
 * commas end it with no descriptors; otherwise its descriptors run to the next comma outside
 * parentheses. Splitting on ", " instead lets `2x,data:…` through as a second candidate that
 * the browser then loads.
 */
export function parseSrcset(value: string): SrcsetCandidate[] {
  const out: SrcsetCandidate[] = [];
  const n = value.length;
  let i = 0;
  while (i < n) {
    while (i < n && (isSpace(value[i]!) || value[i] === ',')) i++;
    if (i >= n) break;
    const start = i;
    while (i < n && !isSpace(value[i]!)) i++;
    let url = value.slice(start, i);
    let descriptors = '';
    if (url.endsWith(',')) {
      url = url.replace(/,+$/, '');
    } else {
      let parens = false;
      const from = i;
      while (i < n) {
        const c = value[i]!;
        if (c === '(') parens = true;
        else if (c === ')') parens = false;
        else if (c === ',' && !parens) break;
        i++;
      }
      descriptors = value.slice(from, i).trim().replace(/\s+/g, ' ');
      i++; // past the comma
    }
    if (url) out.push({ url, descriptors });
  }
  return out;
}

/**
 * A `srcset` rebuilt from candidates whose URLs `check` accepts (it returns the URL to write,
 * or '' to drop the candidate). Commas inside URLs are percent-encoded, so the result parses
 * back into exactly these candidates, whatever the parser.
 */
export function filterSrcset(value: string, check: (url: string) => string): string {
  return parseSrcset(value)
    .map(({ url, descriptors }) => {
      const safe = check(url);
      if (!safe) return '';
      const written = safe.replace(/,/g, '%2C');
      return descriptors ? `${written} ${descriptors}` : written;
    })
    .filter(Boolean)
    .join(', ');
}
