import { fold } from '../shared/search-text.ts';

const HEADING = /^H([1-6])$/;

/** The talk's elements: its heading, then siblings up to the next heading at the same or a higher level. */
export function sectionElements(heading: Element): Element[] {
  const level = Number(HEADING.exec(heading.tagName)?.[1] ?? 7);
  const out: Element[] = [heading];
  for (let el = heading.nextElementSibling; el; el = el.nextElementSibling) {
    const m = HEADING.exec(el.tagName);
    if (m && Number(m[1]) <= level) break;
    out.push(el);
  }
  return out;
}

/**
 * The terms to mark, folded as search folds (case, full-width letters), longest first. Folding
 * keeps lengths, so offsets in folded text are offsets in the original.
 */
export function markableTerms(rawTerms: string[]): string[] {
  return [...new Set(rawTerms.map(fold).filter((t) => t.trim()))].sort(
    (a, b) => b.length - a.length,
  );
}

/** Where the terms occur in a text (non-overlapping, longest term first), in its offsets. */
export function termRanges(text: string, rawTerms: string[]): [number, number][] {
  return findAll(fold(text), markableTerms(rawTerms));
}

/** Non-overlapping occurrences of any of the terms (longest first) in a folded string. */
function findAll(folded: string, terms: string[]): [number, number][] {
  const found: [number, number][] = [];
  for (const t of terms) {
    for (let i = folded.indexOf(t); i >= 0; i = folded.indexOf(t, i + t.length)) {
      const e = i + t.length;
      if (!found.some(([s, f]) => i < f && e > s)) found.push([i, e]);
    }
  }
  return found.sort((a, b) => a[0] - b[0]);
}

/**
 * Wraps every occurrence of `terms` inside the given elements in `<mark class="search-hit">`,
 * text node by text node (never through innerHTML). Returns the marks.
 */
export function markTerms(elements: Element[], rawTerms: string[]): HTMLElement[] {
  const terms = markableTerms(rawTerms);
  const marks: HTMLElement[] = [];
  if (!terms.length) return marks;
  for (const root of elements) {
    const doc = root.ownerDocument;
    const walker = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
      acceptNode: (n) =>
        n.parentElement?.closest('script, style, mark.search-hit')
          ? NodeFilter.FILTER_REJECT
          : NodeFilter.FILTER_ACCEPT,
    });
    const nodes: Text[] = [];
    for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n as Text);
    for (const node of nodes) {
      const ranges = findAll(fold(node.data), terms);
      // Right to left, so earlier offsets stay valid while the node is split.
      for (let k = ranges.length - 1; k >= 0; k--) {
        const [s, e] = ranges[k]!;
        const hit = node.splitText(s);
        hit.splitText(e - s);
        const mark = doc.createElement('mark');
        mark.className = 'search-hit';
        hit.replaceWith(mark);
        mark.append(hit);
        marks.unshift(mark);
      }
    }
  }
  return marks;
}

/** Puts the text of each mark back where the mark was. */
export function unmark(marks: HTMLElement[]): void {
  for (const mark of marks) {
    const parent = mark.parentNode;
    if (!parent) continue;
    mark.replaceWith(...mark.childNodes);
    parent.normalize();
  }
}

/**
 * Called by the post view once a talk has been scrolled into view, with the terms its route
 * carries (a search result's link: `#/posts/<slug>/<talk>?hl=…`, so a reload keeps them).
 * Marks them in the talk (from its heading to the next heading at the same or a higher level)
 * and returns a function that removes the marks; undefined when there is nothing to mark.
 */
export function highlightSection(
  container: HTMLElement,
  sectionId: string,
  terms: readonly string[],
): (() => void) | undefined {
  if (!terms.length) return undefined;
  const heading = Array.from(container.querySelectorAll('[id]')).find((el) => el.id === sectionId);
  if (!heading) return undefined;
  const marks = markTerms(sectionElements(heading), [...terms]);
  return () => unmark(marks);
}
