import { writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Broken and extreme posts, generated into a folder at test time (never shipped in posts/).
 * Each entry says what the build must warn (one line per problem, with file and line) and
 * what the reader must show.
 */
export interface BrokenPost {
  file: string;
  bytes: Buffer;
  /** What the post is, for test titles. */
  what: string;
  /** The warnings the build prints for this file, in order: line and a pattern of the message. */
  warnings: { line: number; message: RegExp }[];
  /** The title the reader shows in the post's h1. */
  title: string;
  /** Text the rendered body must contain (a clear per-post note, or the content). */
  bodyText?: string;
  /** Heading ids the rendered body must contain, in order (a prefix of the outline). */
  ids?: string[];
}

const utf8 = (s: string) => Buffer.from(s, 'utf8');

/** "会议笔记" (conference notes) in GBK, and "中文" (Chinese): bytes that are not UTF-8. */
const GBK_NOTES = Buffer.from([0xbb, 0xe1, 0xd2, 0xe9, 0xb1, 0xca, 0xbc, 0xc7]);
const GBK_CHINESE = Buffer.from([0xd6, 0xd0, 0xce, 0xc4]);

/** About `bytes` of realistic notes: talks as `###` headings, paragraphs, lists, links, code. */
function hugePost(bytes: number): string {
  const parts = ['---\ntitle: Five Megabytes\ntags: [big]\n---\n'];
  let size = parts[0]!.length;
  for (let talk = 1; size < bytes; talk++) {
    const section =
      `### Talk ${talk}: scaling the control plane\n\n` +
      `Speaker: **Jane Doe ${talk}**, [slides](https://example.com/slides/${talk}).\n\n` +
      'OpenStack operators discussed nova cells, neutron agents and the message queue. '.repeat(
        40,
      ) +
      '\n\n' +
      '- a point about keystone tokens and `fernet` keys\n'.repeat(10) +
      '\n> A quote from the Q&A, with *emphasis* and a [link](#talk-1-scaling-the-control-plane).\n\n' +
      '```sh\nnova list --all-tenants | grep ERROR\n```\n\n' +
      '中文的笔记：控制平面的扩展，消息队列和数据库。'.repeat(20) +
      '\n\n';
    parts.push(section);
    size += Buffer.byteLength(section);
  }
  return parts.join('');
}

export const HUGE_BYTES = 5 * 1024 * 1024;
export const MANY_HEADINGS = 5000;
export const DEEP = 500;

export function brokenCorpus(): BrokenPost[] {
  const manyHeadings =
    '---\ntitle: Five Thousand Headings\n---\n' +
    Array.from(
      { length: MANY_HEADINGS },
      (_, i) => `### Heading ${i + 1}\n\nLine ${i + 1}.\n`,
    ).join('\n');
  const deepList = Array.from({ length: DEEP }, (_, i) => `${'  '.repeat(i)}- level ${i + 1}`).join(
    '\n',
  );
  const deepQuote = `${'> '.repeat(DEEP)}the bottom of a ${DEEP}-level quote`;
  const longLine = Array.from(
    { length: 12_000 },
    // Words, with the characters the Liquid and kramdown passes look for, never closed.
    (_, i) => `w${i} {% x {: [a]( \u0060`,
  ).join(' ');

  return [
    {
      file: '2016-01-01-Invalid-Yaml.md',
      what: 'invalid YAML',
      bytes: utf8(
        '---\ntitle: Fine\ntags: [unclosed, list\nauthor: x\n---\n## Body\n\nBody survives.\n',
      ),
      warnings: [{ line: 4, message: /front matter is not valid YAML/ }],
      title: 'Invalid Yaml',
      bodyText: 'Body survives.',
    },
    {
      file: '2016-01-02-Unterminated.md',
      what: 'unterminated front matter',
      bytes: utf8('---\ntitle: Never closed\n\n## A heading\n\nText after it.\n'),
      warnings: [{ line: 1, message: /front matter .* never closed/ }],
      title: 'Unterminated',
      bodyText: 'Text after it.',
    },
    {
      file: '2016-01-03-Bom-Crlf.md',
      what: 'a UTF-8 BOM and CRLF line endings',
      bytes: utf8(
        '\uFEFF---\r\ntitle: BOM and CRLF\r\ntags: [windows]\r\n---\r\n## First talk\r\n\r\nText.\r\n\r\n## Second talk\r\n\r\nMore.\r\n',
      ),
      warnings: [],
      title: 'BOM and CRLF',
      bodyText: 'More.',
      ids: ['first-talk', 'second-talk'],
    },
    {
      file: '2016-01-04-Gbk.md',
      what: 'GBK bytes',
      bytes: Buffer.concat([
        utf8('---\ntitle: GBK notes\n---\n## Talk\n\nText in UTF-8.\n\n'),
        GBK_NOTES,
        utf8(' and '),
        GBK_CHINESE,
        utf8('\n\nLast line.\n'),
      ]),
      warnings: [{ line: 8, message: /not valid UTF-8/ }],
      title: 'GBK notes',
      bodyText: 'Last line.',
    },
    {
      file: '2016-01-05-Latin1.md',
      what: 'Latin-1 bytes',
      bytes: Buffer.concat([
        utf8('---\ntitle: Latin-1 notes\n---\n## Talk\n\n'),
        Buffer.from('Café, résumé, naïve.\n', 'latin1'),
      ]),
      warnings: [{ line: 6, message: /not valid UTF-8/ }],
      title: 'Latin-1 notes',
      bodyText: 'Caf',
    },
    {
      file: '2016-01-06-Binary.md',
      what: 'a binary file',
      bytes: Buffer.concat([
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
        Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 131 + 7) % 256)),
      ]),
      warnings: [{ line: 3, message: /looks binary/ }],
      title: 'Binary',
    },
    {
      file: '2016-01-07-Nul-Filled.md',
      what: 'a NUL-filled file',
      bytes: Buffer.alloc(8192),
      warnings: [{ line: 1, message: /looks binary/ }],
      title: 'Nul Filled',
    },
    {
      file: '2016-01-08-Empty.md',
      what: 'an empty file',
      bytes: Buffer.alloc(0),
      warnings: [{ line: 1, message: /the file is empty/ }],
      title: 'Empty',
    },
    {
      file: '2016-01-09-Huge.md',
      what: 'a 5 MB post',
      bytes: utf8(hugePost(HUGE_BYTES)),
      warnings: [],
      title: 'Five Megabytes',
      ids: ['talk-1-scaling-the-control-plane', 'talk-2-scaling-the-control-plane'],
    },
    {
      file: '2016-01-10-Many-Headings.md',
      what: 'a post with 5,000 headings',
      bytes: utf8(manyHeadings),
      warnings: [],
      title: 'Five Thousand Headings',
      ids: ['heading-1', 'heading-2', 'heading-3'],
    },
    {
      file: '2016-01-11-Duplicate-Headings.md',
      what: 'duplicate headings',
      bytes: utf8(
        '## Q&A\n\n[The second Q&A](#qa-1)\n\n## Q&A\n\nSecond.\n\n## Q&A\n\nThird.\n\n## Q&A 1\n\nNot a duplicate.\n',
      ),
      warnings: [],
      title: 'Duplicate Headings',
      ids: ['qa', 'qa-1', 'qa-2', 'qa-1-1'],
    },
    {
      file: '2016-01-12-Punctuation-Headings.md',
      what: 'headings of only punctuation or emoji',
      bytes: utf8(
        '## !!!\n\nBang.\n\n## 🎉🎉\n\nParty.\n\n## ...\n\nDots.\n\n## 🚀 🚀\n\nRocket.\n',
      ),
      warnings: [],
      title: 'Punctuation Headings',
      ids: ['section-1', 'section-2', 'section-3', 'section-4'],
    },
    {
      file: '2016-01-13-Deep-List.md',
      what: `a list nested ${DEEP} levels deep`,
      bytes: utf8(`## Deep list\n\n${deepList}\n`),
      // The first line deeper than the limit: level 51.
      warnings: [{ line: 53, message: /nested 500 levels deep/ }],
      title: 'Deep List',
      bodyText: 'level 1',
    },
    {
      file: '2016-01-14-Deep-Quote.md',
      what: `a quote nested ${DEEP} levels deep`,
      bytes: utf8(`## Deep quote\n\n${deepQuote}\n`),
      warnings: [{ line: 3, message: /nested 500 levels deep/ }],
      title: 'Deep Quote',
    },
    {
      file: '2016-01-15-Long-Line.md',
      what: 'a 100 KB single line',
      bytes: utf8(`## Long line\n\n${longLine}\n`),
      // Its first `{%` is never closed (Jekyll stops there): the rest is shown as written.
      warnings: [{ line: 3, message: /Liquid: tag .* not closed; shown as text/ }],
      title: 'Long Line',
      bodyText: 'w11999',
    },
  ];
}

/** Writes the corpus into `dir` (which must exist). */
export function writeBrokenCorpus(dir: string, corpus = brokenCorpus()): BrokenPost[] {
  for (const post of corpus) writeFileSync(path.join(dir, post.file), post.bytes);
  return corpus;
}
