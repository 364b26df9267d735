import { describe, expect, it } from 'vitest';
import { siteConfigFrom } from './jekyll/site.ts';
import { libraryPage, libraryPageCount, pagedTitle, paginateFrom } from './paginate.ts';
import { Links, PageTable, pageFile, pagerPath, parseLocation, routePath } from './routes.ts';

/** Seven posts, newest first (as the catalog holds them), the fourth hidden. */
const POSTS = Array.from({ length: 7 }, (_, i) => ({
  slug: `2021-03-0${7 - i}-p${7 - i}`,
  date: `2021-03-0${7 - i}`,
  categories: [],
  ...(i === 3 ? { hidden: true as const } : {}),
}));

describe('paginate and paginate_path, as jekyll-paginate reads them', () => {
  it('takes what Ruby’s to_i takes; the default path is Jekyll’s', () => {
    expect(paginateFrom(5, undefined)).toEqual({ paginate: { per: 5, path: '/page:num' } });
    expect(paginateFrom('3', '/blog/page:num/')).toEqual({
      paginate: { per: 3, path: '/blog/page:num/' },
    });
    expect(paginateFrom(2.9, undefined).paginate?.per).toBe(2);
    expect(paginateFrom(' 4 posts', undefined).paginate?.per).toBe(4);
    expect(paginateFrom(undefined, '/p:num')).toEqual({});
    expect(paginateFrom(null, undefined)).toEqual({});
  });

  it('a value Jekyll cannot use is a problem named by its key, and no pagination', () => {
    for (const bad of [0, -2, 'many', true, false, [3], { n: 3 }, Number.NaN]) {
      const got = paginateFrom(bad, undefined);
      expect(got.paginate, String(bad)).toBeUndefined();
      expect(got.problem?.key, String(bad)).toBe('paginate');
      expect(got.problem?.message).toMatch(/^paginate: .* is not a number of posts/);
    }
    const path = paginateFrom(3, '/pages/');
    expect(path.paginate).toBeUndefined();
    expect(path.problem).toMatchObject({ key: 'paginate_path' });
    expect(path.problem?.message).toContain('has no :num');
  });

  it('siteConfigFrom reports the problem to its caller with the key', () => {
    const warned: string[] = [];
    const site = siteConfigFrom({ paginate: 'lots' }, undefined, (key, m) =>
      warned.push(`${key}: ${m}`),
    );
    expect(site.paginate).toBeUndefined();
    expect(warned).toEqual([expect.stringMatching(/^paginate: paginate: "lots" is not/)]);
    expect(siteConfigFrom({ paginate: 2 }).paginate).toEqual({ per: 2, path: '/page:num' });
    expect(siteConfigFrom({}).paginate).toBeUndefined();
  });
});

describe('the library’s pages', () => {
  const paginate = { per: 2, path: '/page:num' };

  it('slices the posts newest first, leaving the hidden out, as Pager does', () => {
    const pages = [1, 2, 3].map((n) => libraryPage(POSTS, paginate, n));
    expect(pages.map((p) => p.posts.map((x) => x.slug.slice(-2)))).toEqual([
      ['p7', 'p6'],
      ['p5', 'p3'],
      ['p2', 'p1'],
    ]);
    expect(pages.every((p) => p.total === 3)).toBe(true);
    expect(libraryPageCount(POSTS, paginate)).toBe(3);
    expect(libraryPageCount(POSTS, undefined)).toBe(1);
    // No posts: still one (empty) page.
    expect(libraryPage([], paginate, 1)).toEqual({ page: 1, total: 1, posts: [] });
  });

  it('pages 2 and on are at paginate_path with :num, as folders; the first is the library', () => {
    expect(pagerPath(paginate, 1)).toBe('');
    expect(pagerPath(paginate, 2)).toBe('page2/');
    expect(pagerPath({ per: 2, path: 'blog/page:num/' }, 10)).toBe('blog/page10/');
    // Jekyll replaces the first :num only (the `:` left is made file-safe, as in any page path).
    expect(pagerPath({ per: 2, path: '/p:num/:num' }, 3)).toBe('p3/-num/');
    expect(pageFile(pagerPath(paginate, 3))).toBe('page3/index.html');
  });

  it('PageTable knows them: parsed, linked and made again the same way', () => {
    const table = new PageTable(POSTS, '/:title/', undefined, paginate);
    expect(table.libraryPages).toBe(3);
    const links = new Links(table, '/base/');
    expect(links.library()).toBe('/base/');
    expect(links.library(2)).toBe('/base/page2/');
    for (const n of [2, 3]) {
      const route = parseLocation(`page${n}/`, '', '', table);
      expect(route).toEqual({ name: 'library', page: n });
      expect(routePath(route, table)).toBe(`page${n}/`);
      expect(parseLocation(`page${n}/index.html`, '', '', table)).toEqual(route);
    }
    // A page the library does not have is not found; neither is page 1 by its pattern.
    expect(parseLocation('page4/', '', '', table).name).toBe('notfound');
    expect(parseLocation('page1/', '', '', table).name).toBe('notfound');
    // Without pagination there are no such pages.
    const one = new PageTable(POSTS, '/:title/');
    expect(one.libraryPages).toBe(1);
    expect(parseLocation('page2/', '', '', one).name).toBe('notfound');
    expect(new Links(one, './').library(2)).toBe('./');
  });

  it('a post whose page is one of the library’s pages is moved, and says so', () => {
    const moved: string[] = [];
    const posts = [...POSTS, { slug: '2020-01-01-page2', date: '2020-01-01', categories: [] }];
    const table = new PageTable(
      posts,
      '/:title/',
      (slug, wanted, at) => moved.push(`${slug} ${wanted} ${at}`),
      paginate,
    );
    expect(moved).toEqual(['2020-01-01-page2 page2/ posts/2020-01-01-page2/']);
    expect(parseLocation('page2/', '', '', table)).toEqual({ name: 'library', page: 2 });
  });

  it('page n’s title is jekyll-seo-tag’s, from the second page on', () => {
    expect(pagedTitle('Blog | Notes', 1, 3)).toBe('Blog | Notes');
    expect(pagedTitle('Blog | Notes', 2, 3)).toBe('Page 2 of 3 for Blog | Notes');
  });
});
