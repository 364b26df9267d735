import { describe, expect, it } from 'vitest';
import { createBodySanitiser } from './sanitise.ts';
import type { PostMeta } from '../shared/types.ts';
import { HEADING_MARKER } from '../shared/body-parts.ts';

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
        '<a href="https://blog.example/notes/openstack/2015/05/images/" target="_blank" rel="noopener noreferrer">relative</a>',
      ].join(''),
    );
  });

  it('never makes a link from a site url that is not a web address', () => {
    for (const url of ['javascript:alert(1)', 'javascript://x/%0aalert(1)', 'data:text/html,x']) {
      const hostile = createBodySanitiser([a], { ...site, url });
      expect(hostile(a, ['<a href="/about/">home</a>']).parts[0]).toBe('<a>home</a>');
    }
  });
});
