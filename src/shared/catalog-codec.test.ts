import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  decodeCatalog,
  decodePost,
  encodeCatalog,
  encodePost,
  type CompactPost,
} from './catalog-codec.ts';
import { headingIds } from './ids.ts';
import { lex } from './markdown.ts';
import { assignHeadingIds } from './outline.ts';
import { analysePost } from './post.ts';
import { SEED, SEED_NAME } from '../../tests/seed.ts';
import type { PostMeta } from './types.ts';

const meta = (name: string, source: string): PostMeta => analysePost(name, source).meta;

/** Posts whose headings stress the id rules: duplicates, CJK, emoji, entities, empty text. */
const TRICKY = [
  '## Q&A\n## Q&A\n### Q&A\n## 背景\n## 背景\n',
  '## 🎉\n## !!!\n## Section 1\n## section-2\n## ???\n',
  '## `&amp;` and &amp; and &lt;b&gt;\n## **bold** _em_ [link](http://x.org) <span>html</span>\n',
  '##\n## \n## Real\n## section-1\n##   \n',
  '# A\n## A\n### A\n#### A\n##### A\n###### A\n',
  '## x<br>y\n## ![alt text](a.png) image\n## \\*escaped\\*\n## section-3\n## 🎉\n',
  '- ## in a list\n> ## in a quote\n\n## in a list\n',
  '## Hold my beer and watch this!\n## API (v2.1)\n## 客户端-服务端耦合\n## 优点：\n',
];
/** Headings with the ids their authors gave them (kramdown's `{#id}`, `{: #id}`). */
const GIVEN = '## Intro\n## Other {#intro}\n### Given\n{: #My-Id}\n## Given\n## my id\n';

describe('headingIds', () => {
  it('makes the same ids from the outline texts as the build makes from the Markdown', () => {
    for (const [i, body] of TRICKY.entries()) {
      const m = meta(`2015-01-0${i + 1}-tricky.md`, body);
      const fromMarkdown = assignHeadingIds(lex(body)).map((h) => h.id);
      expect(m.outline.map((e) => e.id)).toEqual(fromMarkdown);
      const derived = headingIds(m.outline.map((e) => e.text));
      // Equal wherever the text is not empty; encodePost writes out any id that differs.
      m.outline.forEach((e, j) => {
        if (!/^section-\d+/.test(e.text)) expect(derived[j], e.text).toBe(e.id);
      });
    }
  });

  it('makes every seed id from its text', () => {
    const m = meta(SEED_NAME, SEED);
    expect(headingIds(m.outline.map((e) => e.text))).toEqual(m.outline.map((e) => e.id));
    expect(encodePost(m)[8].every((h) => typeof h === 'string' || h.length === 2)).toBe(true);
  });
});

describe('the compact catalog', () => {
  it('keeps the ids authors gave headings, and the slugs they moved', () => {
    const m = meta('2015-02-04-given.md', GIVEN);
    expect(m.outline.map((e) => e.id)).toEqual(['intro-1', 'intro', 'My-Id', 'given', 'my-id-1']);
    expect(decodePost(JSON.parse(JSON.stringify(encodePost(m))) as CompactPost).outline).toEqual(
      m.outline,
    );
  });

  it('gives back exactly the PostMeta it was given', () => {
    const metas = [
      meta(SEED_NAME, SEED),
      ...TRICKY.map((body, i) => meta(`2015-01-0${i + 1}-tricky.md`, body)),
      meta(
        '2015-02-01-front.md',
        '---\ntitle: T\nauthor: Ann\nlang: en\ndate: 2014-12-31\npermalink: /own/:title/\n---\nx\n',
      ),
      meta('2015-02-05-hidden.md', '---\ntitle: H\nhidden: true\n---\nx\n'),
      meta('2015-02-06-shown.md', '---\ntitle: S\nhidden: false\n---\nx\n'),
      meta('2015-02-02-broken.md', '---\ntitle: [unclosed\n---\n## Talk\n'),
      meta('no-date-in-name.md', '## Talk\n'),
      meta('2015-02-03-excerpt.md', '---\nexcerpt: "<b>Given</b> excerpt"\n---\nBody.\n'),
      meta('2015-02-04-given.md', GIVEN),
    ];
    expect(metas.some((m) => m.problems.length > 0)).toBe(true);
    expect(metas.find((m) => m.permalink)?.permalink).toBe('/own/:title/');
    expect(metas.filter((m) => m.hidden).map((m) => m.title)).toEqual(['H']);
    const wire = JSON.parse(JSON.stringify(encodeCatalog(metas))) as CompactPost[];
    expect(decodeCatalog(wire)).toEqual(metas);
    for (const m of metas)
      expect(Object.keys(decodePost(encodePost(m))).sort()).toEqual(Object.keys(m).sort());
  });

  it('is much smaller than the plain JSON', () => {
    const m = meta(SEED_NAME, SEED);
    const plain = gzipSync(JSON.stringify([m])).length;
    const compact = gzipSync(JSON.stringify(encodeCatalog([m]))).length;
    expect(compact).toBeLessThan(plain * 0.75);
  });
});
