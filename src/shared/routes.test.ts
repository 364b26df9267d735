import { describe, expect, it } from 'vitest';
import {
  hrefTo,
  Links,
  originalPostPath,
  PageTable,
  pageFile,
  parseLegacyHash,
  parseLocation,
  routePath,
  tagKey,
  upToRoot,
} from './routes.ts';

const SEED = {
  slug: '2015-05-19-Vancouver-Summit-2015-Second-Day',
  date: '2015-05-19',
  categories: ['OpenStack'],
};
const CJK = { slug: '2015-04-04-Nova如何支持live-upgrade', date: '2015-04-04', categories: [] };
const PATTERN = '/:categories/:year/:month/:day/:title/';

describe('PageTable', () => {
  it('puts each post where Jekyll would, CJK names as written', () => {
    const t = new PageTable([SEED, CJK], PATTERN);
    expect(t.postPath(SEED.slug)).toBe('openstack/2015/05/19/Vancouver-Summit-2015-Second-Day/');
    expect(t.postPath(CJK.slug)).toBe('2015/04/04/Nova如何支持live-upgrade/');
    expect(t.slugAt('2015/04/04/Nova如何支持live-upgrade/')).toBe(CJK.slug);
    expect(t.slugAt('2015/04/04/Nova如何支持live-upgrade/index.html')).toBe(CJK.slug);
    expect(new PageTable([SEED], 'date').postPath(SEED.slug)).toBe(
      'openstack/2015/05/19/Vancouver-Summit-2015-Second-Day.html',
    );
    expect(new PageTable([SEED], '/:title').postPath(SEED.slug)).toBe(
      'Vancouver-Summit-2015-Second-Day/',
    );
  });

  it('honours a post’s own permalink, with the same placeholders, before the site’s', () => {
    const own = (permalink: string, slug = SEED.slug) => ({ ...SEED, slug, permalink });
    const t = new PageTable(
      [
        own('/notes/:categories/:year/:title/'),
        own('elsewhere/page.html', '2015-05-20-b'),
        own('pretty', '2015-05-21-c'),
        own('/:year/:month/', '2015-05-22-d'),
        { ...CJK, permalink: '' },
      ],
      PATTERN,
    );
    expect(t.postPath(SEED.slug)).toBe('notes/openstack/2015/Vancouver-Summit-2015-Second-Day/');
    expect(t.slugAt('notes/openstack/2015/Vancouver-Summit-2015-Second-Day/')).toBe(SEED.slug);
    expect(t.postPath('2015-05-20-b')).toBe('elsewhere/page.html');
    // A post's permalink is a pattern, never a style name (as Jekyll reads it).
    expect(t.postPath('2015-05-21-c')).toBe('pretty/');
    expect(t.postPath('2015-05-22-d')).toBe('2015/05/');
    expect(t.postPath(CJK.slug)).toBe('2015/04/04/Nova如何支持live-upgrade/');
  });

  it('gives a post’s original address (links to it are recognised by it): its own permalink’s, else the site’s', () => {
    expect(originalPostPath({ ...SEED, permalink: 'notes/:title/' }, PATTERN)).toBe(
      '/notes/Vancouver-Summit-2015-Second-Day/',
    );
    expect(originalPostPath({ ...SEED, permalink: '  ' }, PATTERN)).toBe(
      '/openstack/2015/05/19/Vancouver-Summit-2015-Second-Day/',
    );
    // Where Jekyll wrote it, even when its page here had to move (`/feed.xml` is the feed's).
    expect(originalPostPath({ ...SEED, permalink: '/feed.xml' }, PATTERN)).toBe('/feed.xml');
  });

  it('moves a post whose own permalink is taken or reserved, as it moves any other', () => {
    const moved: string[] = [];
    const t = new PageTable(
      [
        { ...SEED, permalink: '/feed.xml' },
        { ...CJK, permalink: '/openstack/2015/05/19/Vancouver-Summit-2015-Second-Day/' },
        { ...CJK, slug: '2015-04-05-e', permalink: '/../..' },
      ],
      PATTERN,
      (slug, _wanted, at) => moved.push(`${slug} → ${at}`),
    );
    expect(t.postPath(SEED.slug)).toBe(`posts/${SEED.slug}/`);
    expect(t.postPath(CJK.slug)).toBe('openstack/2015/05/19/Vancouver-Summit-2015-Second-Day/');
    expect(t.postPath('2015-04-05-e')).toBe('posts/2015-04-05-e/');
    expect(moved).toEqual([
      `${SEED.slug} → posts/${SEED.slug}/`,
      '2015-04-05-e → posts/2015-04-05-e/',
    ]);
  });

  it('moves a post whose page is taken, reserved or outside the site, and says so', () => {
    const moved: string[] = [];
    const t = new PageTable(
      [
        SEED,
        { ...SEED, slug: '2015-05-19-Vancouver-Summit-2015-Second-Day-b' },
        { slug: '2015-01-01-x', date: '2015-01-01', categories: ['assets'] },
        { slug: '2015-01-02-y', date: '2015-01-02', categories: ['..', '..', 'etc'] },
        { slug: '2015-01-03-z', date: '2015-01-03', categories: ['<script>x</script>'] },
      ],
      '/:categories/:title/',
      (slug, _wanted, at) => moved.push(`${slug} → ${at}`),
    );
    expect(t.postPath('2015-05-19-Vancouver-Summit-2015-Second-Day-b')).toBe(
      'openstack/Vancouver-Summit-2015-Second-Day-b/',
    );
    expect(t.postPath('2015-01-01-x')).toBe('posts/2015-01-01-x/');
    expect(t.postPath('2015-01-02-y')).toBe('etc/y/');
    expect(t.postPath('2015-01-03-z')).toBe('-script-x-/script-/z/');
    expect(moved).toEqual(['2015-01-01-x → posts/2015-01-01-x/']);
    const dup = new PageTable([SEED, { ...SEED, slug: 'other' }], '/:categories/', (s) =>
      moved.push(s),
    );
    expect(dup.postPath('other')).toBe('posts/other/');
  });
});

describe('links and locations', () => {
  const table = new PageTable([SEED, CJK], PATTERN);

  it('writes links relative to a page, and absolute from the root in the browser', () => {
    const deep = new Links(table, upToRoot('openstack/2015/05/19/x/'));
    expect(deep.library()).toBe('../../../../../');
    expect(deep.post(CJK.slug, '升级')).toBe(
      '../../../../../2015/04/04/Nova%E5%A6%82%E4%BD%95%E6%94%AF%E6%8C%81live-upgrade/#%E5%8D%87%E7%BA%A7',
    );
    const root = new Links(table, './');
    expect(root.library()).toBe('./');
    expect(root.tag('C++', 'categories')).toBe('./categories/c/');
    expect(root.search('a&b #c')).toBe('./search/?q=a%26b+%23c');
    const browser = new Links(table, '/a/b/c/');
    expect(browser.post(SEED.slug, 'rally', ['rally', '升级 计划'])).toBe(
      '/a/b/c/openstack/2015/05/19/Vancouver-Summit-2015-Second-Day/?hl=rally&hl=%E5%8D%87%E7%BA%A7+%E8%AE%A1%E5%88%92#rally',
    );
  });

  it('links to a talk of the page it is in by its bare fragment', () => {
    const here = table.postPath(SEED.slug)!;
    const links = new Links(table, upToRoot(here), here);
    expect(links.post(SEED.slug, 'rally')).toBe('#rally');
    expect(links.post(SEED.slug, '升级')).toBe('#%E5%8D%87%E7%BA%A7');
    // The page itself, a search result's terms and another post's talk keep their path.
    expect(links.post(SEED.slug)).toBe(
      '../../../../../openstack/2015/05/19/Vancouver-Summit-2015-Second-Day/',
    );
    expect(links.post(SEED.slug, 'rally', ['x'])).toMatch(/^\.\.\/.*\?hl=x#rally$/);
    expect(links.post(CJK.slug, 'a')).toMatch(/^\.\.\/.*live-upgrade\/#a$/);
    expect(new Links(table, '/r/').post(SEED.slug, 'rally')).toMatch(/^\/r\/openstack\/.*#rally$/);
  });

  it('reads back every link it writes', () => {
    const links = new Links(table, '/r/');
    const read = (href: string) => {
      const url = new URL(href, 'https://h.example/r/');
      return parseLocation(url.pathname.slice(3), url.search, url.hash, table);
    };
    expect(read(links.library())).toEqual({ name: 'library' });
    expect(read(links.post(CJK.slug))).toEqual({ name: 'post', slug: CJK.slug });
    expect(read(links.post(CJK.slug, '背景', ['a&b', '升级']))).toEqual({
      name: 'post',
      slug: CJK.slug,
      section: '背景',
      highlight: ['a&b', '升级'],
    });
    expect(read(links.search('vmware 集群'))).toEqual({ name: 'search', q: 'vmware 集群' });
    expect(read(links.tag('Nova'))).toEqual({ name: 'tag', kind: 'tags', value: 'nova' });
    expect(read('/r/nowhere/')).toEqual({ name: 'notfound', path: 'nowhere/' });
    expect(read('/r/index.html')).toEqual({ name: 'library' });
  });

  it('finds the page of each route, and the file of each page', () => {
    expect(routePath({ name: 'post', slug: SEED.slug }, table)).toBe(table.postPath(SEED.slug));
    expect(routePath({ name: 'tag', kind: 'tags', value: 'nova' }, table)).toBe('tags/nova/');
    expect(pageFile('')).toBe('index.html');
    expect(pageFile('a/b/')).toBe('a/b/index.html');
    expect(pageFile('a/b.html')).toBe('a/b.html');
    expect(hrefTo(upToRoot('a/b/'), 'c/d.html')).toBe('../../c/d.html');
    expect(hrefTo(upToRoot(''), '')).toBe('./');
  });
});

describe('old hash routes', () => {
  it('still reads every form', () => {
    expect(parseLegacyHash('')).toBeUndefined();
    expect(parseLegacyHash('#rally')).toBeUndefined();
    expect(parseLegacyHash('#/')).toEqual({ name: 'library' });
    expect(parseLegacyHash('#/posts/a-b/%E5%8D%87%E7%BA%A7?hl=x')).toEqual({
      name: 'post',
      slug: 'a-b',
      section: '升级',
      highlight: ['x'],
    });
    expect(parseLegacyHash('#/search?q=vmware%20%E9%9B%86%E7%BE%A4')).toEqual({
      name: 'search',
      q: 'vmware 集群',
    });
    expect(parseLegacyHash('#/tags/Nova')).toEqual({ name: 'tag', kind: 'tags', value: 'nova' });
    expect(parseLegacyHash('#/nowhere')).toEqual({ name: 'notfound', path: '/nowhere' });
  });

  it('keys tags by slug, and tags with nothing to slug by their code points', () => {
    expect(tagKey('OpenStack Nova')).toBe('openstack-nova');
    expect(tagKey('云计算')).toBe('云计算');
    expect(tagKey('!!!')).toBe('-21-21-21');
  });
});
