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
