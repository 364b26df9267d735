import type { Token, Tokens } from 'marked';
import { parseFileName } from './jekyll/filename.ts';
import { datePost } from './jekyll/dates.ts';
import { normaliseSource, parseFrontMatter } from './jekyll/front-matter.ts';
import { applyTypography, prepareMarkdown, type LiquidRenderer } from './jekyll/kramdown.ts';
import { lex, lexPost } from './markdown.ts';
import { assignHeadingIds, buildOutline, detectSessionLevel, type IdHeading } from './outline.ts';
import { HEADING_MARKER, renderParts } from './body-parts.ts';
import { limitEmphasis, limitNesting, MAX_EMPHASIS, MAX_NESTING } from './depth-guard.ts';
import { blockText, extractNames } from './plaintext.ts';
import type { PostMeta, PreparedBody, Problem, SectionDoc } from './types.ts';

export interface AnalysedPost {
  meta: PostMeta;
  body: PreparedBody;
  sections: SectionDoc[];
  /** False for `published: false`: such a post is left out of the library. */
  published: boolean;
  /** Date and time for sorting (front matter date when it has a time). */
  sortKey: string;
  problems: Problem[];
}

function asString(v: unknown): string | undefined {
  if (typeof v === 'string') return v.trim() || undefined;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date && !Number.isNaN(v.getTime())) return v.toISOString();
  return undefined;
}

/** Jekyll's plural `tags`/`categories`: a list, or a string split on spaces (or commas). */
function asList(v: unknown): string[] {
  if (Array.isArray(v))
    return v
      .flat()
      .map(asString)
      .filter((s): s is string => !!s);
  const s = asString(v);
  if (!s) return [];
  return s.split(s.includes(',') ? /\s*,\s*/ : /\s+/).filter(Boolean);
}

/**
 * Jekyll's rule for `tag`/`tags` and `category`/`categories`: the singular key wins when
 * present and is one value (`category: Open Stack` is one category); the plural is a list.
 */
function pluralised(data: Record<string, unknown>, singular: string, plural: string): string[] {
  if (singular in data && data[singular] !== null) {
    const v = data[singular];
    return Array.isArray(v) ? asList(v) : [asString(v)].filter((s): s is string => !!s);
  }
  return asList(data[plural]);
}

/** At most `max` characters, with an ellipsis when cut; never splits a surrogate pair. */
function truncate(s: string, max: number): string {
  if (s.length <= max) return s;
  let end = max - 1;
  if (/[\uD800-\uDBFF]/.test(s[end - 1] ?? '')) end--;
  return `${s.slice(0, end).trimEnd()}…`;
}

/** Reading time: about 300 CJK characters or 200 other words a minute. */
export function readingMinutes(text: string): number {
  // One pass, no match arrays: a 5 MB post is millions of characters.
  let cjk = 0;
  let words = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff)) {
      cjk++;
      inWord = false;
    } else if (c < 128 ? c === 32 || (c >= 9 && c <= 13) : /\s/.test(text[i]!)) {
      inWord = false;
    } else if (!inWord) {
      words++;
      inWord = true;
    }
  }
  return Math.max(1, Math.round(cjk / 300 + words / 200));
}

/**
 * The block tokens in document order with every heading among them: a list or quote (or any
 * block) that holds a heading is cut at it, into copies holding the blocks before and after
 * (kramdown puts a heading line right after a list item inside the item). For the search
 * sections' text only: the body is rendered from the tokens as they are.
 */
function cutAtHeadings(tokens: Token[], headings: ReadonlySet<Token>): Token[] {
  const holds = (t: Token): boolean =>
    headings.has(t) ||
    (t.type === 'list'
      ? (t as Tokens.List).items.some((item) => item.tokens.some(holds))
      : t.type !== 'paragraph' && t.type !== 'text' && 'tokens' in t && !!t.tokens?.some(holds));
  const out: Token[] = [];
  for (const t of tokens) {
    if (headings.has(t) || !holds(t)) {
      out.push(t);
      continue;
    }
    if (t.type === 'list') {
      const list = t as Tokens.List;
      let items: Tokens.ListItem[] = [];
      const flushList = () => {
        if (items.length) out.push({ ...list, items });
        items = [];
      };
      for (const item of list.items) {
        let inner: Token[] = [];
        for (const x of cutAtHeadings(item.tokens, headings)) {
          if (!headings.has(x)) {
            inner.push(x);
            continue;
          }
          if (inner.length) items.push({ ...item, tokens: inner });
          inner = [];
          flushList();
          out.push(x);
        }
        if (inner.length) items.push({ ...item, tokens: inner });
      }
      flushList();
      continue;
    }
    let inner: Token[] = [];
    for (const x of cutAtHeadings((t as Tokens.Generic).tokens!, headings)) {
      if (!headings.has(x)) {
        inner.push(x);
        continue;
      }
      if (inner.length) out.push({ ...t, tokens: inner } as Token);
      inner = [];
      out.push(x);
    }
    if (inner.length) out.push({ ...t, tokens: inner } as Token);
  }
  return out;
}

/** Splits the blocks into sections: text before the first heading, then one per heading. */
function splitSections(tokens: Token[], headings: IdHeading[]) {
  const sections: { heading?: IdHeading; tokens: Token[] }[] = [{ tokens: [] }];
  const all = new Set<Token>(headings);
  for (const t of cutAtHeadings(tokens, all)) {
    if (all.has(t)) sections.push({ heading: t as IdHeading, tokens: [] });
    else sections[sections.length - 1]!.tokens.push(t);
  }
  return sections;
}

/**
 * Everything the app knows about one post file, from its name and text. Pure: the build
 * plugin calls it for each file and tests call it directly.
 */
export interface AnalyseOptions {
  /** Runs Liquid over the body first, as Jekyll does (given by the build: src/build/liquid.ts). */
  liquid?: LiquidRenderer;
}

export function analysePost(
  fileName: string,
  source: string,
  options: AnalyseOptions = {},
): AnalysedPost {
  const fromName = parseFileName(fileName);
  const lines = normaliseSource(source).split('\n');
  const problems: Problem[] = [];
  const nul = lines.findIndex((l) => l.includes('\0'));
  if (nul >= 0) {
    problems.push({
      file: fileName,
      line: nul + 1,
      message: 'the file looks binary (it contains NUL bytes); it is shown as text, NUL as \uFFFD',
    });
    // CommonMark: U+0000 is replaced by U+FFFD.
    source = source.replace(/\0/g, '\uFFFD');
  }
  const fm = parseFrontMatter(source, fileName);
  problems.push(...fm.problems);
  const data = fm.data;
  // The last line an editor shows (a final newline does not start another line).
  const lastLine = Math.max(1, lines.length - (lines.length > 1 && lines.at(-1) === '' ? 1 : 0));

  const nesting = limitNesting(fm.body);
  if (nesting.line >= 0) {
    problems.push({
      file: fileName,
      line: fm.bodyLine + nesting.line,
      message: `lists or quotes nested ${nesting.depth} levels deep; deeper than ${MAX_NESTING} they are shown flattened`,
    });
  }
  const emphasis = limitEmphasis(nesting.text);
  if (emphasis.line >= 0) {
    problems.push({
      file: fileName,
      line: fm.bodyLine + emphasis.line,
      message: `emphasis nested ${emphasis.depth} deep; deeper than ${MAX_EMPHASIS}, the paragraph's * and _ are shown as text`,
    });
  }
  const liquid = options.liquid?.({
    file: fileName,
    body: emphasis.text,
    data,
    bodyLine: fm.bodyLine,
  });
  if (liquid) problems.push(...liquid.problems);
  const markdown = prepareMarkdown(liquid?.text ?? emphasis.text, {
    liquidEvaluated: liquid?.evaluated,
  });
  const lexed = lexPost(markdown);
  const tokens = lexed.tokens;
  for (const p of lexed.problems)
    problems.push({ file: fileName, line: fm.bodyLine + p.line - 1, message: p.message });
  const headings = assignHeadingIds(tokens);
  const sessionLevel = detectSessionLevel(
    headings.map((h) => h.depth),
    data['session_level'],
  );
  const outline = buildOutline(headings, sessionLevel);

  if (source.trim() === '') {
    problems.push({ file: fileName, line: 1, message: 'the file is empty' });
  } else if (headings.length === 0 && nul < 0) {
    problems.push({
      file: fileName,
      line: Math.min(fm.bodyLine, lastLine),
      message: 'the post has no headings, so it has no talks',
    });
  }

  const dating = datePost(data['date'], fromName.date);
  const dated = dating.dated;
  if (dating.frontMatter) {
    const at = lines.findIndex((l, i) => i > 0 && i < fm.bodyLine - 1 && /^date[ \t]*:/.test(l));
    problems.push({ file: fileName, line: at >= 0 ? at + 1 : 1, message: dating.frontMatter });
  }
  if (dating.fileName) problems.push({ file: fileName, line: 0, message: dating.fileName });
  const title = asString(data['title']) ?? (fromName.title || fromName.slug);
  const tags = pluralised(data, 'tag', 'tags');
  const categories = pluralised(data, 'category', 'categories');

  const fullText = blockText(tokens);
  const rawSeparator = data['excerpt_separator'];
  const separator = typeof rawSeparator === 'string' && rawSeparator !== '' ? rawSeparator : '\n\n';
  const givenExcerpt = asString(data['excerpt']);
  // Jekyll's excerpt is the Markdown before the separator. Only that (short) text is lexed
  // again; a post with no separator is its own excerpt, from the tokens already made.
  const trimmed = markdown.trim();
  const beforeSeparator = trimmed.split(separator, 1)[0] ?? '';
  const excerptSource = (
    givenExcerpt !== undefined
      ? blockText(lex(prepareMarkdown(limitEmphasis(limitNesting(givenExcerpt).text).text)))
      : beforeSeparator === trimmed
        ? fullText
        : blockText(lex(beforeSeparator))
  )
    .replace(/\s+/g, ' ')
    .trim();
  const excerpt = truncate(excerptSource, 200);

  const meta: PostMeta = {
    slug: fromName.slug,
    title,
    date: dated?.date ?? '',
    tags,
    categories,
    excerpt,
    sessionLevel,
    outline,
    readingMinutes: readingMinutes(fullText),
    problems: fm.unreadable ? fm.problems : [],
  };
  const author = asString(data['author']);
  if (author) meta.author = author;
  const lang = asString(data['lang']);
  if (lang) meta.lang = lang;
  const picture = data['image'];
  const image =
    asString(picture) ??
    (picture && typeof picture === 'object'
      ? asString((picture as Record<string, unknown>)['path'])
      : undefined);
  if (image) meta.image = image;
  const permalink = asString(data['permalink']);
  if (permalink) meta.permalink = permalink;
  // Ruby's truth, as jekyll-paginate reads it: anything but nil and false.
  if (data['hidden'] !== undefined && data['hidden'] !== null && data['hidden'] !== false)
    meta.hidden = true;

  // Sections for search: a talk runs until the next heading at or above the session level.
  const sections: SectionDoc[] = [];
  let current: SectionDoc | undefined;
  for (const part of splitSections(tokens, headings)) {
    const text = blockText(part.tokens);
    const h = part.heading;
    const entry = h ? outline[headings.indexOf(h)]! : undefined;
    const startsNew = !h || !current || !current.session || h.depth <= sessionLevel;
    if (startsNew) {
      current = {
        slug: meta.slug,
        sectionId: entry?.id ?? '',
        title: entry?.text ?? title,
        level: entry?.level ?? 0,
        session: entry?.session ?? false,
        text,
        names: extractNames(part.tokens, text),
        postTitle: title,
        date: meta.date,
        tags,
      };
      if (h || text) sections.push(current);
    } else {
      current!.text += `\n${entry!.text}\n${text}`;
      for (const n of extractNames(part.tokens, text))
        if (!current!.names.includes(n)) current!.names.push(n);
    }
  }

  // The body's HTML from the same tokens, each heading marked with its index in the outline:
  // the build's sanitiser gives only those headings ids, the outline's (src/sanitise/policy.ts).
  const index = new Map(headings.map((h, i) => [h, i]));
  // kramdown's smart quotes and dashes, in the body only (the outline and search keep ASCII).
  applyTypography(tokens);
  const rendered = renderParts(tokens, (h) => `${HEADING_MARKER}${index.get(h)}`, fm.bodyLine);
  for (const p of rendered.problems) problems.push({ file: fileName, ...p });

  return {
    // Kept for the whole build (the catalog, the prerender, links between posts) and often
    // longer: a copy, so that none of its strings is a slice that keeps the post's whole text
    // alive (a heading's text is cut from the Markdown: 20 MB kept for a 20 MB post).
    meta: structuredClone(meta),
    body: { markdown, parts: rendered.parts },
    sections,
    published: data['published'] !== false,
    sortKey: dated?.sortKey ?? '',
    problems,
  };
}
