/**
 * A guard against absurdly deep lists and quotes. marked's lexer re-reads a nested block once
 * per level: a list nested 500 levels deep takes seconds, 2,000 levels overflow the stack, and
 * a line of 20,000 `> ` runs out of memory. No real post nests more than a dozen levels.
 */

/** Deepest nesting a post keeps: deeper lists and quotes are shown flattened at this depth. */
export const MAX_NESTING = 50;

/** The leading run of quote markers, list markers and indentation that nests a line. */
const CONTAINER_PREFIX = /^(?:[ \t]|>|[-+*](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$))+/;
const FENCE = /^[ \t>]*(`{3,}|~{3,})/;

const MARKER = new Set(['>', '-', '+', '*', '.', ')']);

/**
 * Nesting depth a prefix asks for (each marker one level, each two columns of indent one),
 * and the longest start of it whose depth stays within `max`.
 */
function measure(prefix: string, max: number): { depth: number; keep: number } {
  let markers = 0;
  let width = 0;
  let keep = -1;
  for (let i = 0; i < prefix.length; i++) {
    const ch = prefix[i]!;
    // The space after a marker belongs to the marker.
    if (ch === ' ' && MARKER.has(prefix[i - 1] ?? '')) continue;
    if (ch === ' ') width++;
    else if (ch === '\t') width += 4 - (width % 4);
    else if (MARKER.has(ch)) markers++;
    if (keep < 0 && markers + Math.floor(width / 2) > max) keep = i;
  }
  // Indentation alone (code, a continuation line) opens no new list or quote.
  const depth = markers === 0 ? 0 : markers + Math.floor(width / 2);
  return { depth, keep: keep < 0 ? prefix.length : keep };
}

export interface NestingResult {
  text: string;
  /** 0-based index of the first line that was flattened, or -1. */
  line: number;
  /** The deepest nesting found. */
  depth: number;
}

/**
 * Flattens lines whose lists and quotes nest deeper than `max` (outside fenced code): the
 * markers beyond that depth are dropped and the text is kept. Linear in the size of the text.
 */
export function limitNesting(text: string, max = MAX_NESTING): NestingResult {
  const lines = text.split('\n');
  let fence: string | undefined;
  let first = -1;
  let deepest = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const open = FENCE.exec(line);
    if (fence) {
      if (open && open[1]!.startsWith(fence)) fence = undefined;
      continue;
    }
    if (open) {
      fence = open[1]!;
      continue;
    }
    // Cheap test first: a line this short cannot nest too deep (a tab is two levels at most).
    if (line.length * 2 <= max) continue;
    const prefix = CONTAINER_PREFIX.exec(line)?.[0] ?? '';
    if (prefix.length * 2 <= max) continue;
    const { depth, keep } = measure(prefix, max);
    if (depth <= max) continue;
    deepest = Math.max(deepest, depth);
    if (first < 0) first = i;
    lines[i] = `${prefix.slice(0, keep).trimEnd()} ${line.slice(prefix.length)}`;
  }
  return first < 0
    ? { text, line: -1, depth: 0 }
    : { text: lines.join('\n'), line: first, depth: deepest };
}

/**
 * Deepest emphasis a paragraph keeps, counted in unclosed `*` and `_`: marked's lexer recurses
 * once per level, so 2,000 nested `*` overflow the stack (and a few hundred take long).
 * `***bold italic***` is 3.
 */
export const MAX_EMPHASIS = 100;

export interface EmphasisResult {
  text: string;
  /** 0-based index of the first line of the first paragraph shown as text, or -1. */
  line: number;
  /** The deepest emphasis found in such a paragraph (in delimiters). */
  depth: number;
}

const isSpace = (c: string | undefined) => c === undefined || /\s/.test(c);
const isPunct = (c: string | undefined) => c !== undefined && /[\p{P}\p{S}]/u.test(c);

/** Code spans of one paragraph, as [start, end) ranges: a backtick run to the next of its length. */
function codeSpans(text: string): [number, number][] {
  const runs: { at: number; len: number }[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== '`') continue;
    let j = i;
    while (text[j] === '`') j++;
    runs.push({ at: i, len: j - i });
    i = j - 1;
  }
  // For each length, the runs of that length in order: the next one closes the span.
  const byLength = new Map<number, number[]>();
  runs.forEach((r, k) => {
    const list = byLength.get(r.len);
    if (list) list.push(k);
    else byLength.set(r.len, [k]);
  });
  const next = new Map<number, number>();
  const spans: [number, number][] = [];
  let after = -1;
  for (let k = 0; k < runs.length; k++) {
    const r = runs[k]!;
    if (r.at < after) continue;
    const list = byLength.get(r.len)!;
    let p = next.get(r.len) ?? 0;
    while (p < list.length && list[p]! <= k) p++;
    next.set(r.len, p);
    if (p >= list.length) continue;
    const close = runs[list[p]!]!;
    spans.push([r.at, close.at + close.len]);
    after = close.at + close.len;
  }
  return spans;
}

/**
 * One paragraph: its emphasis depth and, when too deep, the text with every delimiter run that
 * could open or close emphasis backslash-escaped (shown as text). Code spans are left alone.
 */
function paragraphEmphasis(text: string, max: number): { text: string; depth: number } {
  const spans = codeSpans(text);
  let span = 0;
  let depth = 0;
  let deepest = 0;
  const runs: [number, number][] = [];
  for (let i = 0; i < text.length; i++) {
    while (span < spans.length && spans[span]![1] <= i) span++;
    if (span < spans.length && spans[span]![0] <= i) {
      i = spans[span]![1] - 1;
      continue;
    }
    const c = text[i]!;
    if (c === '\\') {
      i++;
      continue;
    }
    if (c !== '*' && c !== '_') continue;
    let j = i;
    while (text[j] === c) j++;
    const before = text[i - 1];
    const after = text[j];
    const left = !isSpace(after) && (!isPunct(after) || isSpace(before) || isPunct(before));
    const right = !isSpace(before) && (!isPunct(before) || isSpace(after) || isPunct(after));
    if (left && !right) depth += j - i;
    else if (right && !left) depth = Math.max(0, depth - (j - i));
    deepest = Math.max(deepest, depth);
    if (left !== right || (left && c === '*')) runs.push([i, j]);
    i = j - 1;
  }
  if (deepest <= max) return { text, depth: deepest };
  let out = '';
  let from = 0;
  for (const [start, end] of runs) {
    out += text.slice(from, start);
    for (let k = start; k < end; k++) out += `\\${text[k]}`;
    from = end;
  }
  return { text: out + text.slice(from), depth: deepest };
}

/**
 * Shows as text (delimiters escaped) each paragraph whose emphasis nests deeper than `max`,
 * outside fenced code. Linear in the size of the text.
 */
export function limitEmphasis(text: string, max = MAX_EMPHASIS): EmphasisResult {
  // Cheap test first: too few delimiters anywhere to nest too deep.
  let count = 0;
  for (let i = 0; i < text.length && count <= max; i++) {
    const c = text.charCodeAt(i);
    if (c === 42 || c === 95) count++;
  }
  if (count <= max) return { text, line: -1, depth: 0 };

  const lines = text.split('\n');
  let fence: string | undefined;
  let first = -1;
  let deepest = 0;
  let start = -1;
  /** `*` and `_` in the current paragraph: with no more than `max`, it cannot nest deeper. */
  let delimiters = 0;
  const flush = (end: number) => {
    const few = delimiters <= max;
    delimiters = 0;
    if (start < 0 || few) {
      start = -1;
      return;
    }
    const para = lines.slice(start, end).join('\n');
    const r = paragraphEmphasis(para, max);
    if (r.text !== para) {
      const replaced = r.text.split('\n');
      for (let k = 0; k < replaced.length; k++) lines[start + k] = replaced[k]!;
      if (first < 0) first = start;
      deepest = Math.max(deepest, r.depth);
    }
    start = -1;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const open = FENCE.exec(line);
    if (fence) {
      if (open && open[1]!.startsWith(fence)) fence = undefined;
      continue;
    }
    if (open) {
      flush(i);
      fence = open[1]!;
      continue;
    }
    if (line.trim() === '') {
      flush(i);
      continue;
    }
    if (start < 0) start = i;
    if (delimiters <= max)
      for (let k = 0; k < line.length; k++) {
        const c = line.charCodeAt(k);
        if (c === 42 || c === 95) delimiters++;
      }
  }
  flush(lines.length);
  return first < 0
    ? { text, line: -1, depth: 0 }
    : { text: lines.join('\n'), line: first, depth: deepest };
}
