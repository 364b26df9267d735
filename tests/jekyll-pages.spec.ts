import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures.ts';
import { corpusSite, filesUnder, type CorpusSite } from './site.ts';

/**
 * A Jekyll site moved into the reader keeps every URL it had (issue 12). The reference is
 * Jekyll itself (Debian's jekyll 4.3.1, installed by .ci/run): the same small site is built by
 * `jekyll build` and by this project, and every page Jekyll wrote for a post must be a page of
 * the reader at the same path, under the site's `baseurl`.
 */

const CONFIG = [
  'title: A moved blog',
  'description: Notes, moved from Jekyll.',
  'url: https://blog.example',
  'baseurl: /blog',
  'lang: en',
  'permalink: /:categories/:year/:month/:day/:title/',
  // This project's build of the same site sits beside it: not Jekyll's to copy.
  'exclude: [site]',
  // jekyll-feed's per-tag and per-category feeds.
  'plugins: [jekyll-feed]',
  'feed:',
  '  tags: true',
  '  categories: [Travel, Misc]',
  '',
].join('\n');

const POSTS: Record<string, string> = {
  '2021-03-01-hello-world.md':
    '---\ntitle: Hello world\ncategories: [Travel, Food]\ntags: [lunch]\n---\n## Lunch\n\nGood food.\n\n## Dinner\n\nMore food, and a [link to the next post]({% post_url 2021-03-02-你好世界 %}).\n',
  '2021-03-02-你好世界.md': '---\ntitle: 你好，世界\n---\n## 开场\n\n第一段。\n',
  '2021-03-03-plain.markdown': '---\ntitle: Plain\n---\nJust text.\n',
  // A post's own permalink, with the same placeholders, is put before the site's.
  '2021-03-04-own-place.md':
    '---\ntitle: Its own place\ncategories: [Misc]\npermalink: /notes/:categories/:year/:title/\n---\nText.\n',
  '2021-03-05-fixed.md': '---\ntitle: A fixed page\npermalink: /about/fixed.html\n---\nText.\n',
  // Links to those two by their own addresses: absolute, from the site's root, and relative.
  '2021-03-06-links.md':
    '---\ntitle: Links to moved posts\n---\n' +
    '[absolute](https://blog.example/blog/notes/misc/2021/own-place/) · ' +
    '[from the root](/blog/about/fixed.html) · ' +
    '[relative](../../../../notes/misc/2021/own-place/) · ' +
    '[relative too](../../../../about/fixed.html)\n',
};

let site: CorpusSite;
let jekyllSite = '';
let jekyllPages: string[] = [];
let jekyllFeeds: string[] = [];

test.describe.configure({ mode: 'default' });
test.use({ serviceWorkers: 'block' });

test.beforeAll(async () => {
  test.setTimeout(240_000);
  site = await corpusSite(
    'blog',
    (posts, root) => {
      writeFileSync(path.join(root, '_config.yml'), CONFIG);
      for (const [name, text] of Object.entries(POSTS)) writeFileSync(path.join(posts, name), text);
    },
    '_posts',
  );
  jekyllSite = path.join(site.root, '_jekyll');
  const out = spawnSync('jekyll', ['build', '-q', '-s', site.root, '-d', jekyllSite], {
    encoding: 'utf8',
  });
  if (out.status !== 0) throw new Error(`jekyll build failed: ${out.stderr}`);
  const written = filesUnder(jekyllSite).map((f) =>
    path.relative(jekyllSite, f).split(path.sep).join('/'),
  );
  jekyllPages = written.filter((f) => f.endsWith('.html'));
  jekyllFeeds = written.filter((f) => f.endsWith('.xml'));
});

test.afterAll(() => site?.close());

test('every post page Jekyll wrote is a page of the reader at the same path', async ({
  page,
  request,
}) => {
  expect(jekyllPages).toHaveLength(Object.keys(POSTS).length);
  const titles = Object.values(POSTS).map((t) => /title: (.*)/.exec(t)![1]!);
  const found: string[] = [];
  for (const file of jekyllPages) {
    const url = new URL(file.split('/').map(encodeURIComponent).join('/'), site.url).href;
    const response = await request.get(url);
    expect(response.status(), file).toBe(200);
    // The address Jekyll's links use (the folder, not index.html) opens the post.
    await page.goto(url.replace(/index\.html$/, ''));
    const title = (await page.locator('article h1').textContent())?.trim() ?? '';
    found.push(title);
  }
  expect(found.sort()).toEqual(titles.sort());
  // Where Jekyll put the posts with their own permalink (not under the site's pattern).
  expect(jekyllPages).toEqual(
    expect.arrayContaining(['notes/misc/2021/own-place/index.html', 'about/fixed.html']),
  );
});

test('links between posts go to the other post’s page, and work as Jekyll’s did', async ({
  page,
}) => {
  await page.goto(new URL('travel/food/2021/03/01/hello-world/', site.url).href);
  await page.getByRole('link', { name: 'link to the next post' }).click();
  await expect(page).toHaveURL(
    new URL('2021/03/02/%E4%BD%A0%E5%A5%BD%E4%B8%96%E7%95%8C/', site.url).href,
  );
  await expect(page.locator('article h1')).toHaveText('你好，世界');
});

test('links to a post’s own-permalink address (absolute, from the root, relative) go to its page, as on Jekyll’s site', async ({
  page,
}) => {
  const links: [string, string, string][] = [
    ['absolute', 'notes/misc/2021/own-place/', 'Its own place'],
    ['from the root', 'about/fixed.html', 'A fixed page'],
    ['relative', 'notes/misc/2021/own-place/', 'Its own place'],
    ['relative too', 'about/fixed.html', 'A fixed page'],
  ];
  // On Jekyll's site each link leads to the page Jekyll wrote for that post.
  const written = readFileSync(path.join(jekyllSite, '2021/03/06/links/index.html'), 'utf8');
  const from = 'https://blog.example/blog/2021/03/06/links/';
  for (const [name, target] of links) {
    const href = new RegExp(`<a href="([^"]+)">${name}</a>`).exec(written)?.[1];
    expect(href, name).toBeTruthy();
    const at = new URL(href!, from);
    expect(at.origin + at.pathname).toBe(`https://blog.example/blog/${target}`);
    expect(jekyllPages).toContain(target.endsWith('/') ? `${target}index.html` : target);
  }
  // In the reader each goes to that post's page at the same path (inside the app).
  for (const [name, target, title] of links) {
    await page.goto(new URL('2021/03/06/links/', site.url).href);
    const link = page.getByRole('link', { name, exact: true });
    await expect(link).not.toHaveAttribute('target', /./);
    await link.click();
    await expect(page).toHaveURL(new URL(target, site.url).href);
    await expect(page.locator('article h1')).toHaveText(title);
  }
});

test('every feed jekyll-feed wrote (feed.xml, per tag, per category) is in the build, with the same entries', async ({
  request,
}) => {
  // `lunch` is the site's one tag; Travel and Misc its configured categories.
  expect(jekyllFeeds.sort()).toEqual([
    'feed.xml',
    'feed/Misc.xml',
    'feed/Travel.xml',
    'feed/by_tag/lunch.xml',
  ]);
  const entries = (xml: string) =>
    [...xml.matchAll(/<link href="([^"]+)" rel="alternate" type="text\/html" title=/g)].map(
      (m) => m[1],
    );
  const titleOf = (xml: string) => /<title type="html">([^<]*)<\/title>/.exec(xml)?.[1];
  for (const file of jekyllFeeds) {
    const theirs = readFileSync(path.join(jekyllSite, file), 'utf8');
    const response = await request.get(new URL(file, site.url).href);
    expect(response.status(), file).toBe(200);
    const ours = await response.text();
    expect(entries(ours), file).toEqual(entries(theirs));
    expect(entries(ours).length, file).toBeGreaterThan(0);
    expect(titleOf(ours), file).toBe(titleOf(theirs));
  }
});

test('an unknown address at any depth gets the not-found page, with a working way home', async ({
  page,
  pageErrors,
}) => {
  for (const where of ['nothing', 'a/b/c/d/nothing.html']) {
    const response = await page.goto(new URL(where, site.url).href);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1, name: 'Not found' })).toBeVisible();
    await page.getByRole('link', { name: 'Back to the library' }).click();
    await expect(page).toHaveURL(site.url);
    await expect(page.getByRole('heading', { level: 1, name: 'Library' })).toBeVisible();
  }
  // The browser reports the 404 status of each page asked for: the expected errors here.
  const expected = (e: string) => e.includes('status of 404');
  expect(pageErrors.filter(expected)).toHaveLength(2);
  pageErrors.splice(0, pageErrors.length, ...pageErrors.filter((e) => !expected(e)));
});
