import type { Token } from 'marked';
import { parseFileName } from './filename.ts';
import { parseFrontMatter } from './frontmatter.ts';
import { prepareMarkdown } from './jekyll.ts';
import {
  assignHeadingIds,
  buildOutline,
  detectSessionLevel,
  lex,
  type IdHeading,
} from './outline.ts';
import { blockText, extractNames } from './plaintext.ts';
import type { PostBody, PostMeta, Problem, SectionDoc } from './types.ts';

export interface AnalysedPost {
  meta: PostMeta;
  body: PostBody;
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

/** Jekyll's `tags`/`categories`: a list, or a string split on spaces (or commas). */
function asList(v: unknown): string[] {
  if (Array.isArray(v)) return v.map(asString).filter((s): s is string => !!s);
  const s = asString(v);
  if (!s) return [];
  return s.split(s.includes(',') ? /\s*,\s*/ : /\s+/).filter(Boolean);
}

const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?/;

function parseDate(v: unknown): { date: string; sortKey: string } | undefined {
  const s = asString(v);
  const m = s ? ISO_DATE.exec(s) : null;
  if (!m) return undefined;
  const pad = (x: string | undefined) => (x ?? '0').padStart(2, '0');
  const date = `${m[1]}-${pad(m[2])}-${pad(m[3])}`;
  return { date, sortKey: `${date}T${pad(m[4])}:${pad(m[5])}:${pad(m[6])}` };
}

/** Reading time: about 300 CJK characters or 200 other words a minute. */
export function readingMinutes(text: string): number {
  const cjk = (text.match(/[\u3400-\u9fff\uf900-\ufaff]/g) ?? []).length;
  const words = (text.replace(/[\u3400-\u9fff\uf900-\ufaff]/g, ' ').match(/\S+/g) ?? []).length;
  return Math.max(1, Math.round(cjk / 300 + words / 200));
}

/** Splits top-level tokens into sections: text before the first heading, then one per heading. */
function splitSections(tokens: Token[], headings: IdHeading[]) {
  const sections: { heading?: IdHeading; tokens: Token[] }[] = [{ tokens: [] }];
  const top = new Set<Token>(headings);
  for (const t of tokens) {
    if (top.has(t)) sections.push({ heading: t as IdHeading, tokens: [] });
    else sections[sections.length - 1]!.tokens.push(t);
  }
  return sections;
}

/**
 * Everything the app knows about one post file, from its name and text. Pure: the build
 * plugin calls it for each file and tests call it directly.
 */
export function analysePost(fileName: string, source: string): AnalysedPost {
  const fromName = parseFileName(fileName);
  const fm = parseFrontMatter(source, fileName);
  const problems = [...fm.problems];
  const data = fm.data;

  const markdown = prepareMarkdown(fm.body);
  const tokens = lex(markdown);
  const headings = assignHeadingIds(tokens);
  const sessionLevel = detectSessionLevel(
    headings.map((h) => h.depth),
    data['session_level'],
  );
  const outline = buildOutline(headings, sessionLevel);

  if (source.trim() === '') {
    problems.push({ file: fileName, line: 1, message: 'the file is empty' });
  } else if (headings.length === 0) {
    problems.push({
      file: fileName,
      line: fm.bodyLine,
      message: 'the post has no headings, so it has no talks',
    });
  }

  const dated = parseDate(data['date']) ?? (fromName.date ? parseDate(fromName.date) : undefined);
  const title = asString(data['title']) ?? fromName.title ?? fromName.slug;
  const tags = asList(data['tags']);
  const categories = [...asList(data['category']), ...asList(data['categories'])];

  const fullText = blockText(tokens);
  const separator = asString(data['excerpt_separator']) ?? '\n\n';
  const excerptSource =
    asString(data['excerpt']) ??
    blockText(lex(markdown.trim().split(separator)[0] ?? '')).replace(/\s+/g, ' ');
  const excerpt = excerptSource.length > 200 ? `${excerptSource.slice(0, 199)}…` : excerptSource;

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

  return {
    meta,
    body: { markdown },
    sections,
    published: data['published'] !== false,
    sortKey: dated?.sortKey ?? '',
    problems,
  };
}
