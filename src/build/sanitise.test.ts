import { describe, expect, it } from 'vitest';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createBodySanitiser } from './sanitise.ts';
import type { PostMeta } from '../shared/types.ts';
import { HEADING_MARKER } from '../shared/body-parts.ts';
import { ELEMENT_MARKER } from '../shared/kramdown/attributes.ts';
import { analysePost } from '../shared/post.ts';

const meta = (slug: string, outline: string[] = []): PostMeta => ({
  slug,
  title: slug,
  date: slug.slice(0, 10),
  tags: [],
  categories: ['OpenStack'],
  excerpt: '',
  sessionLevel: 2,
  outline: outline.map((id) => ({ id, text: id, level: 2, session: true })),
  readingMinutes: 1,
  problems: [],
});

describe('post bodies sanitised at build time, links settled', () => {
  const a = meta('2015-05-19-a', ['talks']);
  const b = meta('2015-05-20-b');
  const site = { url: 'https://blog.example', baseurl: '/notes', permalink: 'date' };
  const body = createBodySanitiser([a, b], site);

  it('gives headings their outline ids and links their reader addresses', () => {
    const html = [
      `<h2 id="${HEADING_MARKER}0">Talks</h2>`,
      '<a href="#Talks">in post</a>',
      '<a href="2015-05-20-b.md">file</a>',
      '<a href="https://blog.example/notes/openstack/2015/05/20/b.html">address</a>',
      '<a href="#/posts/2015-05-20-b/x">old form</a>',
      '<a href="../images/">relative</a>',
    ].join('');
    expect(body(a, [html]).parts[0]).toBe(
      [
        '<h2 id="talks">Talks</h2>',
        // A real fragment of the post's own page.
        '<a href="#talks">in post</a>',
        // Relative to the post's own page (openstack/2015/05/19/a.html), at any sub-path.
        '<a href="../../../../openstack/2015/05/20/b.html">file</a>',
        '<a href="../../../../openstack/2015/05/20/b.html">address</a>',
        // A link in the reader's old hash form: the page it means.
        '<a href="../../../../openstack/2015/05/20/b.html#x">old form</a>',
        '<a href="https://blog.example/notes/openstack/2015/05/images/" target="_blank" rel="noopener noreferrer">relative</a>',
      ].join(''),
    );
  });

  it('links to the ids it gives elements (footnotes) as fragments of the page, and keeps them', () => {
    const html = `<sup id="${ELEMENT_MARKER}fnref:1"><a href="${ELEMENT_MARKER}fn:1">1</a></sup>`;
    expect(body(a, [html]).parts[0]).toBe(
      '<sup id="user-content-fnref:1"><a href="#user-content-fn%3A1">1</a></sup>',
    );
  });

  it('gives a heading the id its author gave it, and every link to it that id ({#id}, {: #id})', () => {
    const post = analysePost(
      '2015-05-21-ids.md',
      [
        '* TOC',
        '{:toc}',
        '',
        '## Talks {#my-talks}',
        '',
        'See [the talks](#my-talks) and [the other](#Other-ID).',
        '',
        '## Other',
        '{: #other-id .no_toc}',
      ].join('\n'),
    );
    expect(post.meta.outline.map((e) => e.id)).toEqual(['my-talks', 'other-id']);
    const html = createBodySanitiser([post.meta], site)(post.meta, post.body.parts).parts.join('');
    expect(html).toContain('<h2 id="my-talks">Talks</h2>');
    expect(html).toContain('<h2 id="other-id">Other</h2>');
    expect(html).toContain('href="#my-talks">Talks</a>');
    expect(html).toContain('<a href="#my-talks">the talks</a>');
    expect(html).toContain('<a href="#other-id">the other</a>');
    expect(html).not.toContain('{#');
  });

  it('a post with its own permalink: links to its original address, and its relative links, use that address', () => {
    const own = { ...meta('2015-05-21-own'), permalink: '/pages/:title/' };
    const bodies = createBodySanitiser([a, b, own], site);
    // From another post: absolute, from the site's root, and relative to that post's address
    // (a's original address is /notes/openstack/2015/05/19/a.html).
    const links = [
      '<a href="https://blog.example/notes/pages/own/">absolute</a>',
      '<a href="/notes/pages/own/">root</a>',
      '<a href="../../../../pages/own/">relative</a>',
      // Where the site's pattern would have put it: not the post (Jekyll wrote nothing there).
      '<a href="https://blog.example/notes/openstack/2015/05/21/own.html">pattern</a>',
    ].join('');
    expect(bodies(a, [links]).parts[0]).toBe(
      [
        '<a href="../../../../pages/own/">absolute</a>',
        '<a href="../../../../pages/own/">root</a>',
        '<a href="../../../../pages/own/">relative</a>',
        '<a href="https://blog.example/notes/openstack/2015/05/21/own.html" target="_blank" rel="noopener noreferrer">pattern</a>',
      ].join(''),
    );
    // From the post itself: a relative link to a page of its site is beside its own address.
    expect(
      bodies(own, [
        '<a href="../about/">about</a><a href="../../openstack/2015/05/20/b.html">b</a>',
      ]).parts[0],
    ).toBe(
      '<a href="https://blog.example/notes/pages/about/" target="_blank" rel="noopener noreferrer">about</a>' +
        '<a href="../../openstack/2015/05/20/b.html">b</a>',
    );
  });

  it('never makes a link from a site url that is not a web address', () => {
    for (const url of ['javascript:alert(1)', 'javascript://x/%0aalert(1)', 'data:text/html,x']) {
      const hostile = createBodySanitiser([a], { ...site, url });
      expect(hostile(a, ['<a href="/about/">home</a>']).parts[0]).toBe('<a>home</a>');
    }
  });
});

/** A full garbage collection (as src/build/read-posts.ts makes one). */
function collect(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

describe('memory: no part keeps its DOM once sanitised', () => {
  const post = meta('2015-05-19-big', ['talk']);
  const body = createBodySanitiser([post], { url: '', baseurl: '', permalink: 'date' });
  // 12 parts of about 26,000 characters, each with a heading (an element with an id).
  const part = `<h2 id="${HEADING_MARKER}0">Talk</h2>\n${'<p>Some <strong>notes</strong> on a <a href="#talk">talk</a>.</p>\n'.repeat(400)}`;
  const parts = Array.from({ length: 12 }, (_, i) => `${part}<p>${i}</p>`);
  const chars = parts.reduce((n, p) => n + p.length, 0);

  it(
    'a body of 0.3 MB of HTML leaves less than 15 MB of heap behind (it left 137 MB)',
    { timeout: 60_000 },
    () => {
      body(post, parts.slice(0, 1)); // the code and the window made once
      collect();
      const before = process.memoryUsage().heapUsed;
      const out = body(post, parts);
      collect();
      const kept = process.memoryUsage().heapUsed - before;
      expect(out.parts).toHaveLength(12);
      expect(chars).toBeGreaterThan(300_000);
      expect(kept).toBeLessThan(15e6);
    },
  );

  it('yielding between parts gives the same body', { timeout: 60_000 }, async () => {
    expect(await body.yielding(post, parts.slice(0, 3))).toEqual(body(post, parts.slice(0, 3)));
  });
});
