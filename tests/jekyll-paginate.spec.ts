import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { appStarted, expect, holdApp, openBuilt, test, waitForControl } from './fixtures.ts';
import { corpusSite, type CorpusSite } from './site.ts';

/**
 * A paginated Jekyll blog moved into the reader keeps its library's pages (`paginate`,
 * jekyll-paginate 1.1, as GitHub Pages runs it): each page Jekyll's paginator wrote is a page
 * of the reader at the same path, listing the same posts in the same order, with the same
 * `<title>` (jekyll-seo-tag) and the same way to the pages before and after it. The reference
 * is Debian's jekyll 4.3.1 with ruby-jekyll-paginate and jekyll-seo-tag (installed by .ci/run).
 */

const CONFIG = [
  'title: A paged blog',
  'description: Notes, a few a page.',
  'url: https://blog.example',
  'baseurl: /paged',
  'lang: en',
  'permalink: pretty',
  'paginate: 2',
  'plugins: [jekyll-paginate, jekyll-seo-tag]',
  'exclude: [site]',
  '',
].join('\n');

/** Seven posts; one hidden (left out of the pages by jekyll-paginate); two on the same day. */
const POSTS: Record<string, string> = {
  '2021-04-01-first.md': '---\ntitle: First\n---\n## One\n\nText.\n',
  '2021-04-02-second.md': '---\ntitle: Second\n---\nText.\n',
  '2021-04-03-secret.md': '---\ntitle: Secret\nhidden: true\n---\nText.\n',
  '2021-04-04-fourth.md': '---\ntitle: Fourth\n---\nText.\n',
  '2021-04-05-a-fifth.md': '---\ntitle: Fifth A\n---\nText.\n',
  '2021-04-05-b-fifth.md': '---\ntitle: Fifth B\n---\nText.\n',
  '2021-04-07-seventh.md': '---\ntitle: Seventh\n---\nText.\n',
};

/** The site's index.html: what its paginator lists, and its links to the pages around it. */
const INDEX = `---
---
<!DOCTYPE html>
<html><head>{% seo %}</head><body>
{% for post in paginator.posts %}<a class="post" href="{{ post.url | relative_url }}">{{ post.title }}</a>
{% endfor %}{% if paginator.previous_page %}<a class="prev" href="{{ paginator.previous_page_path | relative_url }}">prev</a>{% endif %}
{% if paginator.next_page %}<a class="next" href="{{ paginator.next_page_path | relative_url }}">next</a>{% endif %}
</body></html>
`;

interface Listed {
  title: string;
  posts: string[];
  prev: string | null;
  next: string | null;
}

let site: CorpusSite;
/** Jekyll's library pages, by path under the site (`''`, `page2/`…). */
const jekyll = new Map<string, Listed>();

test.describe.configure({ mode: 'default' });
test.use({ serviceWorkers: 'block' });

test.beforeAll(async () => {
  test.setTimeout(240_000);
  site = await corpusSite(
    'paged',
    (posts, root) => {
      writeFileSync(path.join(root, '_config.yml'), CONFIG);
      writeFileSync(path.join(root, 'index.html'), INDEX);
      for (const [name, text] of Object.entries(POSTS)) writeFileSync(path.join(posts, name), text);
    },
    '_posts',
  );
  const out = path.join(site.root, '_jekyll');
  const built = spawnSync('jekyll', ['build', '-q', '-s', site.root, '-d', out], {
    encoding: 'utf8',
  });
  if (built.status !== 0) throw new Error(`jekyll build failed: ${built.stderr}`);
  for (let n = 1; ; n++) {
    const dir = n === 1 ? '' : `page${n}/`;
    const file = path.join(out, dir, 'index.html');
    if (!existsSync(file)) break;
    const html = readFileSync(file, 'utf8');
    // Jekyll's `/page:num` paths end without a slash (`/paged/page3`), which a host answers
    // with a redirect to the folder: the folder's own address is what the reader links to.
    const href = (cls: string) =>
      new RegExp(`<a class="${cls}" href="([^"]+)"`).exec(html)?.[1]?.replace(/([^/])$/, '$1/') ??
      null;
    jekyll.set(dir, {
      title: /<title>([^<]*)<\/title>/.exec(html)![1]!,
      posts: [...html.matchAll(/<a class="post" href="[^"]+">([^<]*)<\/a>/g)].map((m) => m[1]!),
      prev: href('prev'),
      next: href('next'),
    });
  }
});

test.afterAll(() => site?.close());

/** What a page of the reader lists, its links to the pages around it as site paths. */
async function listed(page: import('@playwright/test').Page): Promise<Listed> {
  const path = async (rel: string) => {
    const link = page.locator(`.pager a[rel="${rel}"]`);
    if (!(await link.count())) return null;
    return new URL((await link.getAttribute('href'))!, page.url()).pathname;
  };
  return {
    title: await page.title(),
    posts: await page.locator('.post-list .post-card h3').allTextContents(),
    prev: await path('prev'),
    next: await path('next'),
  };
}

test.describe('with JavaScript off', () => {
  test.use({ javaScriptEnabled: false });

  test('every library page Jekyll’s paginator wrote is a page here, with the same posts, title and links', async ({
    page,
    pageErrors,
  }) => {
    // Six posts shown two a page: three pages, the hidden post on none.
    expect([...jekyll.keys()]).toEqual(['', 'page2/', 'page3/']);
    expect([...jekyll.values()].flatMap((p) => p.posts)).not.toContain('Secret');
    for (const [dir, theirs] of jekyll) {
      const response = await page.goto(new URL(dir, site.url).href);
      expect(response?.status(), dir).toBe(200);
      const ours = await listed(page);
      expect(
        ours.posts.map((t) => t.trim()),
        dir,
      ).toEqual(theirs.posts);
      expect(ours.title, dir).toBe(theirs.title);
      expect(ours.prev, dir).toBe(theirs.prev);
      expect(ours.next, dir).toBe(theirs.next);
    }
    // jekyll-sitemap lists the pages (they are in site.html_pages).
    const map = await (await page.request.get(new URL('sitemap.xml', site.url).href)).text();
    for (const dir of ['', 'page2/', 'page3/'])
      expect(map).toContain(`<loc>https://blog.example/paged/${dir}</loc>`);
    // A page past the last is not one: not found, as on Jekyll's site.
    const past = await page.goto(new URL('page4/', site.url).href);
    expect(past?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1, name: 'Not found' })).toBeVisible();
    // The browser reports that 404: the one expected error.
    const expected = (e: string) => e.includes('status of 404');
    expect(pageErrors.filter(expected)).toHaveLength(1);
    pageErrors.splice(0, pageErrors.length, ...pageErrors.filter((e) => !expected(e)));
  });
});

// (`listed` compares the title too: the app sets jekyll-seo-tag's, as the built page has it.)
test('the app moves between the library’s pages without a reload, focus on the heading; back returns', async ({
  page,
}) => {
  // Opened at its own address, a page is taken over as built: its nodes are kept.
  const warnings: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'warning' && /hydrat/i.test(m.text())) warnings.push(m.text());
  });
  const release = await holdApp(page);
  await openBuilt(page, new URL('page2/', site.url).href);
  await page.evaluate(() => {
    for (const e of document.querySelectorAll('.post-card, .pager a'))
      (e as unknown as { kept: boolean }).kept = true;
  });
  release();
  await appStarted(page);
  expect(
    await page.evaluate(() =>
      [...document.querySelectorAll('.post-card, .pager a')].map(
        (e) => (e as unknown as { kept?: boolean }).kept ?? false,
      ),
    ),
  ).toEqual([true, true, true, true]);
  expect(warnings).toEqual([]);
  await page.goto(site.url);
  await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
  const pager = page.getByRole('navigation', { name: 'Pages of the library' });
  await expect(pager).toContainText('Page 1 of 3');
  await pager.getByRole('link', { name: 'Older posts' }).click();
  await expect(page).toHaveURL(new URL('page2/', site.url).href);
  await expect(pager).toContainText('Page 2 of 3');
  const shown = await listed(page);
  expect({ ...shown, posts: shown.posts.map((t) => t.trim()) }).toEqual(jekyll.get('page2/'));
  // Focus is on the heading, which says which page this is (and is announced).
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Library · Page 2 of 3');
  await expect(page.locator('[id="summit:announcer"]')).toContainText('Page 2 of 3');
  await pager.getByRole('link', { name: 'Older posts' }).click();
  await expect(page).toHaveURL(new URL('page3/', site.url).href);
  await expect(pager.getByRole('link', { name: 'Older posts' })).toHaveCount(0);
  await page.goBack();
  await expect(page).toHaveURL(new URL('page2/', site.url).href);
  await pager.getByRole('link', { name: 'Newer posts' }).click();
  await expect(page).toHaveURL(site.url);
  await expect(pager.getByRole('link', { name: 'Newer posts' })).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
  // A post listed on page 3 opens from there.
  await page.goto(new URL('page3/', site.url).href);
  await page.getByRole('link', { name: 'First' }).click();
  await expect(page.locator('article h1')).toHaveText('First');
});

test('a library page is axe clean, light and dark, and its pager is reached by keyboard', async ({
  page,
}) => {
  await page.goto(new URL('page2/', site.url).href);
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    const result = await new AxeBuilder({ page }).analyze();
    expect(
      result.violations.map((v) => `${v.id}: ${v.help}`),
      scheme,
    ).toEqual([]);
  }
  const older = page.getByRole('link', { name: 'Older posts' });
  for (let i = 0; i < 60 && !(await older.evaluate((e) => e === document.activeElement)); i++)
    await page.keyboard.press('Tab');
  await expect(older).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new URL('page3/', site.url).href);
});

test.describe('with its service worker', () => {
  test.use({ serviceWorkers: 'allow' });

  test('offline, the library’s pages never opened are the app’s, with the same posts', async ({
    page,
    context,
  }) => {
    await page.goto(site.url);
    await waitForControl(page);
    await context.setOffline(true);
    for (const dir of ['page3/', 'page2/']) {
      await page.goto(new URL(dir, site.url).href);
      const shown = await listed(page);
      expect({ ...shown, posts: shown.posts.map((t) => t.trim()) }, dir).toEqual(jekyll.get(dir));
    }
    await page.getByRole('link', { name: 'Fourth' }).click();
    await expect(page.locator('article h1')).toHaveText('Fourth');
    await context.setOffline(false);
  });
});
