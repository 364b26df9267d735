import { parseDocument, Scalar, type ScalarTag } from 'yaml';
import type { Problem } from '../types.ts';

export interface FrontMatterResult {
  data: Record<string, unknown>;
  /** The Markdown body, with the front matter removed. */
  body: string;
  /** 1-based line number in the file where `body` starts. */
  bodyLine: number;
  problems: Problem[];
  /** True when the file had a front matter block that could not be read. */
  unreadable: boolean;
}

/** Removes a UTF-8 BOM and turns CRLF/CR into LF, so line numbers match what an editor shows. */
export function normaliseSource(source: string): string {
  return source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

/**
 * YAML 1.1 booleans as Ruby's Psych (Jekyll's parser) reads them: yes/true/on and
 * no/false/off in any case. The `yaml` package's 1.1 schema also reads `y` and `n` as
 * booleans, which would turn `tags: [x, y]` into `['x', true]`.
 */
const boolTag = (value: boolean, test: RegExp): ScalarTag => ({
  tag: 'tag:yaml.org,2002:bool',
  default: true,
  test,
  identify: (v) => v === value,
  resolve: () => new Scalar(value),
});
const PSYCH_BOOLS = [boolTag(true, /^(?:yes|true|on)$/i), boolTag(false, /^(?:no|false|off)$/i)];

const OPEN = /^---[ \t]*$/;
const CLOSE = /^(---|\.\.\.)[ \t]*$/;

/**
 * Splits Jekyll front matter (a `---` block at the very top) from the body and parses it
 * with a real YAML parser. Never throws: problems are returned with file and line.
 */
export function parseFrontMatter(source: string, file: string): FrontMatterResult {
  const text = normaliseSource(source);
  const lines = text.split('\n');
  const problems: Problem[] = [];
  if (!OPEN.test(lines[0] ?? '')) {
    return { data: {}, body: text, bodyLine: 1, problems, unreadable: false };
  }
  const end = lines.findIndex((l, i) => i > 0 && CLOSE.test(l));
  if (end < 0) {
    problems.push({
      file,
      line: 1,
      message: 'front matter opened with --- on line 1 is never closed; the rest is shown as text',
    });
    return { data: {}, body: lines.slice(1).join('\n'), bodyLine: 2, problems, unreadable: true };
  }
  const yamlText = lines.slice(1, end).join('\n');
  const body = lines.slice(end + 1).join('\n');
  const bodyLine = end + 2;
  // Jekyll reads front matter as YAML 1.1 (`published: no` is false), but keeps dates as
  // written here: a timestamp turned into a UTC Date can move a post to the previous day.
  const doc = parseDocument(yamlText, {
    version: '1.1',
    prettyErrors: false,
    uniqueKeys: false,
    customTags: (tags) => [
      ...PSYCH_BOOLS,
      ...tags.filter((t) => typeof t === 'string' || !/:(?:timestamp|bool)$/.test(t.tag ?? '')),
    ],
  });
  if (doc.errors.length > 0) {
    const err = doc.errors[0]!;
    // err.pos is an offset into the YAML text, which starts on line 2 of the file.
    const offset = Math.min(Math.max(err.pos[0], 0), yamlText.length);
    const line = 2 + countNewlines(yamlText.slice(0, offset));
    problems.push({
      file,
      line,
      message: `front matter is not valid YAML: ${err.message.split('\n')[0]}`,
    });
    return { data: {}, body, bodyLine, problems, unreadable: true };
  }
  const value: unknown = doc.toJS();
  if (value === null || value === undefined) {
    return { data: {}, body, bodyLine, problems, unreadable: false };
  }
  if (typeof value !== 'object' || Array.isArray(value)) {
    problems.push({ file, line: 2, message: 'front matter is not a YAML mapping (key: value)' });
    return { data: {}, body, bodyLine, problems, unreadable: true };
  }
  return { data: value as Record<string, unknown>, body, bodyLine, problems, unreadable: false };
}

function countNewlines(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) n++;
  return n;
}
