// Synthetic posts for the scale benchmark (issue 6, "Budgets"): Jekyll Markdown posts shaped
// like the seed post (front matter, a first paragraph, `## Topics`, one `###` heading per talk,
// Chinese prose with English product names, speakers and lists, `## See you later`), with
// vocabulary drawn from the seed post and a seeded PRNG, so every run builds the same text.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** The seeded PRNG the search benchmark uses too (mulberry32). */
import { prng as scalePrng, vocabulary } from './corpus.mjs';
export { scalePrng };

/**
 * @typedef {object} Vocabulary
 * @property {string[]} clauses Chinese clauses (4–60 characters) from the seed's prose
 * @property {string[]} words English words and product names
 * @property {string[]} titleWords words of the seed's talk titles
 * @property {string[]} names capitalised name pairs ("Adrian Otto")
 */

/**
 * Vocabulary drawn from the seed post: the search benchmark's, with talk-title words limited
 * to plain words. @param {string} source @returns {Vocabulary}
 */
export function scaleVocabulary(source) {
  const { clauses, words, titleWords, names } = vocabulary(source.replace(/\\/g, ' '));
  return {
    clauses,
    words,
    titleWords: titleWords.filter((w) => /^[\w'-]+[!?:.]?$/.test(w)),
    names,
  };
}

const TAGS = [
  'Vancouver',
  'summit',
  'nova',
  'neutron',
  'cinder',
  'swift',
  'keystone',
  'heat',
  'magnum',
  'rally',
];
const FIRST = ['Anna', 'Boris', 'Chen', 'Daniel', 'Elena', 'Feng', 'Grace', 'Hiro', 'Ivan', 'Jun'];
const LAST = ['Keating', 'Pavlovic', 'Otto', 'Parikh', 'Peters', 'Li', 'Wang', 'Novak', 'Smith'];

/**
 * @template T
 * @param {() => number} rnd
 * @param {readonly T[]} xs
 * @returns {T}
 */
const pick = (rnd, xs) => /** @type {T} */ (xs[Math.floor(rnd() * xs.length)]);

/**
 * One talk: a `###` heading, a speaker line, then 1–3 KB (UTF-8) of Chinese prose mixed with
 * English words and names, in paragraphs, sometimes a list.
 * @param {() => number} rnd
 * @param {Vocabulary} vocab
 */
function talk(rnd, vocab) {
  const words = Array.from({ length: 3 + Math.floor(rnd() * 6) }, () =>
    pick(rnd, rnd() < 0.75 ? vocab.titleWords : vocab.words),
  );
  const title = words.join(' ');
  const speaker = `${pick(rnd, FIRST)} ${pick(rnd, LAST)}`;
  let md = `### ${title} ###\n\nSpeaker: **${speaker}**\n\n`;
  const target = 1024 + Math.floor(rnd() * 2048);
  let bytes = 0;
  let para = '';
  while (bytes < target) {
    const r = rnd();
    const piece =
      r < 0.12
        ? pick(rnd, vocab.words)
        : r < 0.16 && vocab.names.length
          ? pick(rnd, vocab.names)
          : pick(rnd, vocab.clauses);
    para += piece + (rnd() < 0.8 ? '，' : '。');
    bytes += Buffer.byteLength(piece) + 3;
    if (para.length > 120 + rnd() * 200) {
      md +=
        rnd() < 0.15
          ? `1. ${para}\n2. ${pick(rnd, vocab.clauses)}\n3. ${pick(rnd, vocab.words)} ${pick(rnd, vocab.clauses)}\n\n`
          : `${para}\n\n`;
      para = '';
    }
  }
  if (para) md += `${para}\n\n`;
  return md;
}

/**
 * What issue 10's budget asks the 1,000 posts to carry ("with Liquid, the extras and math on"):
 * Liquid output, a capture and raw; an attribute list; inline and display math; a footnote; a
 * kramdown table with a footer; a definition list; an abbreviation. Every construct once a post.
 */
export const EXTRAS = `## Notes ##

{% capture where %}{{ site.baseurl }}/assets{% endcapture %}
Slides are kept at {{ where }}/{{ page.title | slugify }}, as "kramdown" writes -- and --- it.
{: .notice}

The rate is $$\\frac{a_i}{b^2}$$ per node[^note], shown in HTML.

$$
\\sum_{k=1}^{n} k = \\frac{n(n+1)}{2}
$$

| metric | value |
|--------|------:|
| nodes  | 42    |
|========|=======|
| total  | 42    |
{: .text-center}

Upgrade
: Moving a cloud to the next release.

{% raw %}{{ not Liquid }}{% endraw %}

*[HTML]: Hyper Text Markup Language

[^note]: Measured on the second day.

`;

/**
 * Generates `count` posts of `talks` talks each, one a day from 2012-01-01.
 * @param {Vocabulary} vocab
 * @param {number} count
 * @param {number} talks
 * @param {number} [seed]
 * @param {boolean} [extras] each post also uses Liquid, kramdown's extras and math (`EXTRAS`)
 * @returns {{ name: string, markdown: string }[]}
 */
export function scalePosts(vocab, count, talks, seed = 2015, extras = false) {
  const rnd = scalePrng(seed);
  const posts = [];
  for (let i = 0; i < count; i++) {
    const date = new Date(Date.UTC(2012, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
    const name = `${date}-Summit-Notes-Day-${i + 1}.md`;
    const tags = [...new Set([pick(rnd, TAGS), pick(rnd, TAGS), pick(rnd, TAGS)])];
    let md = `---\nlayout: post\ncategory : OpenStack\ntags : [${tags.join(', ')}]\n---\n{% include JB/setup %}\n\n`;
    md += `**${pick(rnd, vocab.clauses)}，${pick(rnd, vocab.clauses)}**\n\n`;
    md += `*${pick(rnd, vocab.clauses)}，${pick(rnd, vocab.clauses)}。*\n\n## Topics ##\n\n`;
    for (let t = 0; t < talks; t++) md += talk(rnd, vocab);
    if (extras) md += EXTRAS;
    md += `## See you later ##\n\n${pick(rnd, vocab.clauses)}。\n`;
    posts.push({ name, markdown: md });
  }
  return posts;
}

/**
 * Writes the posts into `dir` (created if needed); returns the total bytes written.
 * @param {string} dir
 * @param {{ name: string, markdown: string }[]} posts
 */
export function writeScalePosts(dir, posts) {
  mkdirSync(dir, { recursive: true });
  let bytes = 0;
  for (const p of posts) {
    writeFileSync(path.join(dir, p.name), p.markdown);
    bytes += Buffer.byteLength(p.markdown);
  }
  return bytes;
}
