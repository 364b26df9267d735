import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
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
  /** The file name as bytes, when it is not UTF-8 (`file` is then how the build shows it). */
  name?: Buffer;
  /** Written as a symbolic link to this target (relative to the folder) instead of a file. */
  link?: string;
  /** Not in the library: left out (with a warning) or skipped (`published: false`). */
  leftOut?: 'warned' | 'skipped';
  /** The date the reader shows (`<time datetime>`). */
  date?: string;
}

/** The route slug of a corpus post. */
export const slugOf = (post: BrokenPost) => post.file.replace(/\.(md|markdown)$/, '');

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
/** Unclosed `<` on one line: quadratic in the tag-stripping regex (27 s at this size). */
export const UNCLOSED_LT = 200_000;
/** Nested `*`: marked's lexer overflows the stack. */
export const DEEP_EMPHASIS = 2000;

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
    {
      file: '2016-01-16-Unclosed-Lt.md',
      what: `a line of ${UNCLOSED_LT.toLocaleString('en')} unclosed <`,
      bytes: utf8(`## Unclosed\n\n<div>\n${'<'.repeat(UNCLOSED_LT)}\n\nAfter the brackets.\n`),
      warnings: [],
      title: 'Unclosed Lt',
      bodyText: 'After the brackets.',
    },
    {
      file: '2016-01-17-Deep-Emphasis.md',
      what: `${DEEP_EMPHASIS.toLocaleString('en')} nested * emphasis`,
      bytes: utf8(
        `## Deep emphasis\n\n${'*'.repeat(DEEP_EMPHASIS)}deep${'*'.repeat(DEEP_EMPHASIS)}\n\n*Kept* emphasis.\n`,
      ),
      warnings: [{ line: 3, message: /emphasis nested 2000 deep; .* shown as text/ }],
      title: 'Deep Emphasis',
      // Every star is kept, as text.
      bodyText: `${'*'.repeat(DEEP_EMPHASIS)}deep${'*'.repeat(DEEP_EMPHASIS)}`,
    },
    {
      file: '2015-13-45-Month-Thirteen.md',
      what: 'a file name dated 2015-13-45',
      bytes: utf8('## Talk\n\nNever listed.\n'),
      warnings: [{ line: 0, message: /2015-13-45 is not a date .* left out/ }],
      title: 'Month Thirteen',
      leftOut: 'warned',
    },
    {
      file: '0000-00-00-Zero.md',
      what: 'a file name dated 0000-00-00',
      bytes: utf8('## Talk\n\nNever listed.\n'),
      warnings: [{ line: 0, message: /0000-00-00 is not a date .* left out/ }],
      title: 'Zero',
      leftOut: 'warned',
    },
    {
      file: '2015-02-30-February-Thirtieth.md',
      what: 'a file name dated 2015-02-30',
      bytes: utf8('## Talk\n\nRolled over.\n'),
      warnings: [{ line: 0, message: /2015-02-30 is past the end of its month; dated 2015-03-02/ }],
      title: 'February Thirtieth',
      bodyText: 'Rolled over.',
      date: '2015-03-02',
    },
    {
      file: '2016-01-18-Bad-Time.md',
      what: 'front matter date 99:99:99',
      bytes: utf8('---\ntitle: Bad time\ndate: 99:99:99\n---\n## Talk\n\nText.\n'),
      warnings: [
        { line: 3, message: /date "99:99:99" is not a YYYY-MM-DD date.*file name's date/ },
      ],
      title: 'Bad time',
      date: '2016-01-18',
    },
    {
      file: '2016-01-19-Junk-Date.md',
      what: 'front matter date 2020-03-05junk',
      bytes: utf8('---\ntitle: Junk date\ndate: 2020-03-05junk\n---\n## Talk\n\nText.\n'),
      warnings: [{ line: 3, message: /date "2020-03-05junk" is not a YYYY-MM-DD date/ }],
      title: 'Junk date',
      date: '2016-01-19',
    },
    {
      file: '2016-01-20-Unpublished.md',
      what: 'published: false',
      bytes: utf8('---\ntitle: Unpublished\npublished: false\n---\n## Talk\n'),
      warnings: [],
      title: 'Unpublished',
      leftOut: 'skipped',
    },
    {
      file: '2016-01-21-Twin.markdown',
      what: 'a .markdown post whose slug a .md post shares',
      bytes: utf8('---\ntitle: Twin kept\n---\n## Talk\n\nThe kept twin.\n'),
      warnings: [],
      title: 'Twin kept',
      bodyText: 'The kept twin.',
    },
    {
      file: '2016-01-21-Twin.md',
      what: 'a .md post with the slug of a .markdown post',
      bytes: utf8('---\ntitle: Twin left out\n---\n## Talk\n'),
      warnings: [
        {
          line: 1,
          message:
            /2016-01-21-Twin\.markdown and 2016-01-21-Twin\.md have the same slug "2016-01-21-Twin": 2016-01-21-Twin\.markdown is kept/,
        },
      ],
      title: 'Twin left out',
      leftOut: 'warned',
    },
    {
      // "café" with a Latin-1 é: the build reads the name as Latin-1.
      file: '2016-01-22-caf\u00e9.md',
      name: Buffer.concat([utf8('2016-01-22-caf'), Buffer.from([0xe9]), utf8('.md')]),
      what: 'a file name that is not UTF-8',
      bytes: utf8('---\ntitle: Latin-1 name\n---\n## Talk\n\nRead anyway.\n'),
      warnings: [{ line: 0, message: /file name is not UTF-8 \(byte 0xE9\); read as Latin-1/ }],
      title: 'Latin-1 name',
      bodyText: 'Read anyway.',
    },
    {
      file: '2016-01-23-Symlinked.md',
      link: '../linked/target.md',
      what: 'a symlinked post',
      bytes: utf8('---\ntitle: Through a link\n---\n## Talk\n\nRead through the link.\n'),
      warnings: [],
      title: 'Through a link',
      bodyText: 'Read through the link.',
    },
    {
      file: '2016-01-24-Dangling.md',
      link: '../linked/missing.md',
      what: 'a dangling symlink',
      bytes: Buffer.alloc(0),
      warnings: [{ line: 0, message: /symbolic link to .*missing\.md, which does not exist/ }],
      title: 'Dangling',
      leftOut: 'warned',
    },
    {
      file: '2016-01-25-Loop.md',
      link: '2016-01-25-Loop.md',
      what: 'a symlink loop',
      bytes: Buffer.alloc(0),
      warnings: [{ line: 0, message: /symbolic link loop/ }],
      title: 'Loop',
      leftOut: 'warned',
    },
  ];
}

/**
 * Writes the corpus into `dir` (which must exist). A symlinked post's target is written
 * beside `dir` (in `../linked/`), so the folder itself holds only the link.
 */
export function writeBrokenCorpus(dir: string, corpus = brokenCorpus()): BrokenPost[] {
  for (const post of corpus) {
    if (post.link) {
      const target = path.resolve(dir, post.link);
      if (!target.endsWith('missing.md') && target !== path.join(dir, post.file)) {
        mkdirSync(path.dirname(target), { recursive: true });
        writeFileSync(target, post.bytes);
      }
      symlinkSync(post.link, path.join(dir, post.file));
    } else if (post.name) {
      writeFileSync(Buffer.concat([Buffer.from(dir + path.sep), post.name]), post.bytes);
    } else {
      writeFileSync(path.join(dir, post.file), post.bytes);
    }
  }
  return corpus;
}
