/**
 * The fidelity suite: every post under tests/fidelity/<set>/_posts, rendered by the reader's
 * real pipeline (loadPosts, then the build's body sanitiser: exactly what the build emits),
 * compared with Jekyll 4.3.1 + kramdown 2.4's own output (tests/fidelity/<set>/refs, made by
 * `npm run fidelity:refs`).
 *
 * A ratchet: tests/fidelity/known-differences.json lists the differences still expected, per
 * post and measure, each with a reason. A difference not listed fails (a regression), and so
 * does a listed one that no longer occurs (update the list: it can only shrink).
 * `FIDELITY_UPDATE=1 npx vitest run src/build/fidelity.test.ts` rewrites the list, keeping
 * the reasons already given.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { bodyMaker, loadPosts } from './posts-plugin.ts';
import { loadSiteConfig } from './site-plugin.ts';

const ROOT = path.resolve(import.meta.dirname, '../../tests/fidelity');
const KNOWN_FILE = path.join(ROOT, 'known-differences.json');
const COUNTED = [
  'li',
  'blockquote',
  'pre',
  'table',
  'img',
  'em',
  'strong',
  'code',
  'dl',
  'sup',
  'math',
] as const;
export const MEASURES = ['headings', 'ids', ...COUNTED, 'text'] as const;
type Measure = (typeof MEASURES)[number];
type Known = Record<string, Partial<Record<Measure, string>>>;

interface Observed {
  headings: string;
  /** Each heading's id, in document order. */
  ids: string[];
  counts: Record<(typeof COUNTED)[number], number>;
  text: string;
}

/**
 * kramdown's default math engine (MathJax) writes math as TeX, `\\(…\\)` inline and
 * `\\[…\\]` display, where the reader writes MathML (src/shared/kramdown/math.ts): each is
 * counted as one math element, and its text (TeX on one side, MathML on the other) is left
 * out of the visible text. The MathML itself is checked by the unit tests.
 */
const MATHJAX = /\\\((?:.|\n)*?\\\)|\\\[(?:.|\n)*?\\\]/g;

const { window } = new JSDOM('');
function observe(html: string, ref = false): Observed {
  const doc = new window.DOMParser().parseFromString(
    `<!doctype html><body>${html}</body>`,
    'text/html',
  );
  const body = doc.body;
  let math = 0;
  if (ref) {
    const walker = doc.createTreeWalker(body, 4 /* NodeFilter.SHOW_TEXT */);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const parent = n.parentElement?.closest('code, pre');
      if (parent || !n.nodeValue!.includes('\\')) continue;
      n.nodeValue = n.nodeValue!.replace(MATHJAX, () => {
        math++;
        return '';
      });
    }
  } else {
    const found = [...body.getElementsByTagName('math')];
    math = found.length;
    for (const m of found) m.replaceWith();
  }
  const found = [...body.querySelectorAll('h1, h2, h3, h4, h5, h6')];
  const headings = found
    .map((h) => `${h.tagName.toLowerCase()} ${h.textContent!.replace(/\s+/g, ' ').trim()}`)
    .join('\n');
  const ids = found.map((h) => h.id);
  const counts = Object.fromEntries(
    COUNTED.map((t) => [t, t === 'math' ? math : body.getElementsByTagName(t).length]),
  ) as Observed['counts'];
  return { headings, ids, counts, text: body.textContent!.replace(/\s+/g, '') };
}

/** A short account of how two strings differ: the first place, with some context. */
function where(a: string, b: string): string {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  const from = Math.max(0, i - 30);
  return `at ${i}: jekyll «${a.slice(from, i + 40)}» reader «${b.slice(from, i + 40)}»`;
}

/**
 * The heading ids the post's author gave (kramdown's `{#id}`, an attribute list's `#id`): a
 * link to the Jekyll page with that fragment must reach the same heading in the reader.
 * (kramdown's own automatic ids are not GitHub's, which the reader uses, so they are not
 * compared.)
 */
function givenIds(ref: Observed, got: Observed, source: string): string | undefined {
  const wrong = ref.ids
    .map((id, i) => [id, got.ids[i]] as const)
    .filter(([id]) => {
      const e = id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      return new RegExp(`\\{#${e}\\}|\\{:[^}\\n]*#${e}(?![\\w:-])`).test(source);
    })
    .filter(([id, ours]) => id !== ours);
  return wrong.length
    ? wrong.map(([id, ours]) => `jekyll #${id}, reader #${ours ?? '(none)'}`).join('; ')
    : undefined;
}

function differences(
  ref: Observed,
  got: Observed,
  source: string,
): Partial<Record<Measure, string>> {
  const out: Partial<Record<Measure, string>> = {};
  if (ref.headings !== got.headings) out.headings = where(ref.headings, got.headings);
  const ids = givenIds(ref, got, source);
  if (ids) out.ids = ids;
  for (const t of COUNTED)
    if (ref.counts[t] !== got.counts[t])
      out[t] = `jekyll ${ref.counts[t]}, reader ${got.counts[t]}`;
  if (ref.text !== got.text) out.text = where(ref.text, got.text);
  return out;
}

/** kramdown's typographic symbols as the ASCII they come from. */
function plainTypography(s: string): string {
  return s
    .replace(/[“”]/g, '"')
    .replace(/[‘’]/g, "'")
    .replace(/—/g, '---')
    .replace(/–/g, '--')
    .replace(/…/g, '...')
    .replace(/«/g, '<<')
    .replace(/»/g, '>>');
}

const sets = readdirSync(ROOT).filter((d) => existsSync(path.join(ROOT, d, '_posts')));

/** Every post of every set, rendered both ways. */
function compareAll() {
  const results: {
    key: string;
    diff: Partial<Record<Measure, string>>;
    typographyOnly: boolean;
  }[] = [];
  const missing: string[] = [];
  for (const set of sets) {
    const postsDir = path.join(ROOT, set, '_posts');
    const site = loadSiteConfig(process.cwd(), postsDir);
    const { posts } = loadPosts(postsDir, false, site);
    const makeBody = bodyMaker(posts, site);
    const refsDir = path.join(ROOT, set, 'refs');
    const refs = new Set(readdirSync(refsDir).map((f) => f.replace(/\.html$/, '')));
    for (const post of posts) {
      const key = `${set}/${post.meta.slug}`;
      if (!refs.delete(post.meta.slug)) {
        missing.push(`${key}: shown by the reader, not published by Jekyll`);
        continue;
      }
      const ref = observe(readFileSync(path.join(refsDir, `${post.meta.slug}.html`), 'utf8'), true);
      const got = observe(makeBody(post).parts.join('\n'));
      const source = readFileSync(post.file, 'utf8');
      const diff = differences(ref, got, source);
      // Only a hint for new entries of the list: kramdown's typography is the usual cause.
      const typographyOnly = !!diff.text && plainTypography(ref.text) === plainTypography(got.text);
      results.push({ key, diff, typographyOnly });
    }
    for (const slug of refs) missing.push(`${set}/${slug}: published by Jekyll, not by the reader`);
  }
  return { results, missing };
}

const { results, missing } = compareAll();
const known: Known = existsSync(KNOWN_FILE) ? JSON.parse(readFileSync(KNOWN_FILE, 'utf8')) : {};

function summary(): string {
  const n = results.length;
  const equal = (ms: readonly Measure[]) =>
    results.filter((r) => ms.every((m) => !(m in r.diff))).length;
  const rows: [string, number][] = [
    ['h1–h6 sequence and text', equal(['headings'])],
    ['heading ids given in the source (`{#id}`, `{: #id}`)', equal(['ids'])],
    [
      'counts of li, blockquote, pre, table, img',
      equal(['li', 'blockquote', 'pre', 'table', 'img']),
    ],
    ['counts of em, strong, code', equal(['em', 'strong', 'code'])],
    ['counts of dl, sup, math', equal(['dl', 'sup', 'math'])],
    ['visible text (whitespace ignored)', equal(['text'])],
    ['all measures', equal(MEASURES)],
  ];
  const perSet = sets
    .map((s) => {
      const own = results.filter((r) => r.key.startsWith(`${s}/`));
      const ok = own.filter((r) => Object.keys(r.diff).length === 0).length;
      return `${s} ${ok}/${own.length}`;
    })
    .join(', ');
  return [
    `| measure | posts equal to Jekyll (of ${n}) |`,
    '| --- | ---: |',
    ...rows.map(([label, k]) => `| ${label} | ${k} |`),
    '',
    `Equal on every measure, per set: ${perSet}.`,
  ].join('\n');
}

if (process.env['FIDELITY_UPDATE'] === '1') {
  const next: Known = {};
  for (const r of results) {
    for (const [m, detail] of Object.entries(r.diff) as [Measure, string][]) {
      (next[r.key] ??= {})[m] =
        known[r.key]?.[m] ??
        (m === 'text' && r.typographyOnly
          ? 'typography: kramdown smart quotes, dashes and ellipsis not yet'
          : `unclassified: ${detail.slice(0, 160)}`);
    }
  }
  writeFileSync(KNOWN_FILE, `${JSON.stringify(next, null, 2)}\n`);
}

describe('fidelity with Jekyll 4.3.1 + kramdown 2.4', () => {
  it('publishes the same posts as Jekyll', () => {
    expect(missing).toEqual([]);
    expect(results.length).toBeGreaterThan(60);
  });

  it('prints the summary', () => {
    console.log(`\nFidelity (tests/fidelity, ${results.length} posts):\n${summary()}\n`);
  });

  it.each(results.map((r) => [r.key, r] as const))('%s', (key, r) => {
    const expected = known[key] ?? {};
    const unexpected = Object.entries(r.diff)
      .filter(([m]) => !(m in expected))
      .map(([m, d]) => `${m}: ${d}`);
    const fixed = Object.keys(expected).filter((m) => !(m in r.diff));
    expect(unexpected, 'differences from Jekyll not in known-differences.json').toEqual([]);
    expect(fixed, 'listed in known-differences.json but now equal: remove them').toEqual([]);
  });

  it('lists no post that is not in the corpus', () => {
    const keys = new Set(results.map((r) => r.key));
    expect(Object.keys(known).filter((k) => !keys.has(k))).toEqual([]);
    for (const reasons of Object.values(known))
      for (const reason of Object.values(reasons)) expect(reason).not.toMatch(/^unclassified/);
  });
});
