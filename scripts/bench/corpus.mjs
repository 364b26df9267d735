// Synthetic conference notes for the search benchmark: Jekyll Markdown posts whose talks read
// like the seed post (Chinese prose with English product names, speakers, lists), generated
// from a seeded PRNG so every run searches the same text.
import { readFileSync } from 'node:fs';

/** mulberry32: a small, fast, seeded PRNG. @param {number} seed */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Vocabulary drawn from a seed post: Chinese clauses, English words, names, talk titles.
 * @param {string} source Markdown of the seed post
 */
export function vocabulary(source) {
  const body = source.replace(/^---[\s\S]*?---/, '').replace(/\{%[^%]*%\}/g, '');
  const prose = body
    .split('\n')
    .filter((l) => !/^\s*#/.test(l))
    .join('\n')
    .replace(/[*#>`[\]]|\(http[^)]*\)|https?:\S+/g, ' ');
  const clauses = [
    ...new Set(
      prose
        .split(/[，。！？；：“”、\n]/)
        .map((s) => s.trim())
        .filter((s) => /[\u4e00-\u9fff]/.test(s) && s.length >= 4 && s.length <= 60),
    ),
  ];
  const words = [
    ...new Set((prose.match(/[A-Za-z][A-Za-z0-9+.-]{2,}/g) ?? []).filter((w) => !w.endsWith('.'))),
  ];
  const titles = (body.match(/^###\s+(.+?)\s*#*\s*$/gm) ?? []).map((l) =>
    l.replace(/^###\s+/, '').replace(/\s*#+\s*$/, ''),
  );
  const titleWords = [...new Set(titles.flatMap((t) => t.split(/\s+/)))];
  const names = [...new Set(prose.match(/\b[A-Z][a-z]+ [A-Z][a-z]+\b/g) ?? [])];
  return { clauses, words, titles, titleWords, names };
}

/** @template T @param {() => number} rnd @param {T[]} xs @returns {T} */
const pick = (rnd, xs) => /** @type {T} */ (xs[Math.floor(rnd() * xs.length)]);

const FIRST = [
  'Anna',
  'Boris',
  'Chen',
  'Daniel',
  'Elena',
  'Feng',
  'Grace',
  'Hiro',
  'Ivan',
  'Jesse',
];
const LAST = ['Keating', 'Pavlovic', 'Otto', 'Parikh', 'Peters', 'Li', 'Wang', 'Novak', 'Smith'];
const TAGS = ['OpenStack', 'summit', 'nova', 'neutron', 'cinder', 'swift', 'keystone', 'heat'];

/**
 * Generates `talks` talks in posts of 6–14 talks, each talk 1–3 KB of UTF-8 text.
 * @param {ReturnType<typeof vocabulary>} vocab
 * @param {number} talks
 * @param {number} [seed]
 * @returns {{ name: string, markdown: string }[]}
 */
export function generatePosts(vocab, talks, seed = 42) {
  const rnd = prng(seed * 7919 + talks);
  const posts = [];
  let made = 0;
  let day = 0;
  while (made < talks) {
    const count = Math.min(talks - made, 6 + Math.floor(rnd() * 9));
    const date = new Date(Date.UTC(2012, 0, 1) + day * 86400000).toISOString().slice(0, 10);
    day += 1;
    const postTitle = `Summit Notes ${day}: ${pick(rnd, vocab.titleWords)} ${pick(rnd, vocab.titleWords)}`;
    const tags = [...new Set([pick(rnd, TAGS), pick(rnd, TAGS), pick(rnd, TAGS)])];
    let md = `---\nlayout: post\ntitle: "${postTitle.replace(/"/g, "'")}"\ntags: [${tags.join(', ')}]\n---\n\n`;
    md += `${pick(rnd, vocab.clauses)}，${pick(rnd, vocab.clauses)}。\n\n## Topics\n\n`;
    for (let t = 0; t < count; t++) {
      const base = rnd() < 0.25 ? pick(rnd, vocab.titles) : '';
      const words = Array.from({ length: 3 + Math.floor(rnd() * 7) }, () =>
        pick(rnd, rnd() < 0.7 ? vocab.titleWords : vocab.words),
      );
      const title = `${base ? `${base} ` : ''}${words.join(' ')} #${made + t + 1}`;
      md += `### ${title}\n\n`;
      const target = 1024 + Math.floor(rnd() * 2048);
      let bytes = 0;
      let para = '';
      const speaker = `${pick(rnd, FIRST)} ${pick(rnd, LAST)}`;
      md += `Speaker: ${speaker}\n\n`;
      while (bytes < target) {
        const r = rnd();
        let piece;
        if (r < 0.12) piece = `${pick(rnd, vocab.words)}`;
        else if (r < 0.16) piece = `${pick(rnd, vocab.names.length ? vocab.names : [speaker])}`;
        else piece = pick(rnd, vocab.clauses);
        para += piece + (rnd() < 0.8 ? '，' : '。');
        bytes += Buffer.byteLength(piece) + 3;
        if (para.length > 120 + rnd() * 200) {
          md += rnd() < 0.15 ? `1. ${para}\n2. ${pick(rnd, vocab.clauses)}\n\n` : `${para}\n\n`;
          para = '';
        }
      }
      if (para) md += `${para}\n\n`;
    }
    posts.push({ name: `${date}-summit-notes-${day}.md`, markdown: md });
    made += count;
  }
  return posts;
}

/** @param {string} file */
export function readSeed(file) {
  return readFileSync(file, 'utf8');
}
