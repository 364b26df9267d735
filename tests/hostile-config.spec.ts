import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures.ts';
import { corpusSite, type CorpusSite } from './site.ts';

/**
 * A hostile site `_config.yml`: its text reaches index.html, the manifest and every view. It is
 * text everywhere (no markup, no `$` replacement patterns), and the page keeps one CSP.
 */

const JS = 'window.__pwned=1;alert(1)';
const CONFIG = {
  title: `<img src=x onerror=${JS}> Pay $$ and $& now $' $\``,
  description: `</title><script>${JS}</script>" onload="${JS}`,
  lang: `en" onmouseover="${JS}`,
  author: '<b>author</b>',
  url: `javascript:${JS}`,
  // The library's pages (jekyll-paginate): one post a page, at a path made of hostile text.
  paginate: 1,
  paginate_path: `javascript:${JS}/../<img src=x onerror=${JS}>?#:num`,
};

let fixture: CorpusSite | undefined;
let site = '';
let indexHtml = '';
let manifestJson = '';

test.describe.configure({ mode: 'default' });
test.use({ serviceWorkers: 'block' });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  fixture = await corpusSite(
    'config',
    (posts, root) => {
      const yaml = Object.entries(CONFIG)
        .map(([k, v]) => `${k}: ${JSON.stringify(v)}`)
        .join('\n');
      writeFileSync(path.join(root, 'blog', '_config.yml'), `${yaml}\n`);
      writeFileSync(
        path.join(posts, '2016-04-01-a-post.md'),
        '---\ntitle: A post\n---\n## A talk\n\n[home](/about/)\n',
      );
      writeFileSync(
        path.join(posts, '2016-03-01-older.md'),
        '---\ntitle: An older post\n---\n## Another talk\n',
      );
    },
    'blog/_posts',
  );
  const out = path.join(fixture.root, 'site', 'config');
  indexHtml = readFileSync(path.join(out, 'index.html'), 'utf8');
  manifestJson = readFileSync(path.join(out, 'manifest.webmanifest'), 'utf8');
  site = fixture.url;
});

test.afterAll(() => fixture?.close());

test('the site config is text in index.html, the manifest and the app', async ({ page }) => {
  // One CSP, one title, no inline script: `$'` and `$&` did not copy parts of the page.
  expect(indexHtml.match(/http-equiv="Content-Security-Policy"/g)).toHaveLength(1);
  expect(indexHtml.match(/<title>/g)).toHaveLength(1);
  expect(indexHtml).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
  expect(indexHtml).not.toContain('<img src=x');
  const manifest = JSON.parse(manifestJson) as { name: string; description: string };
  expect(manifest.name).toBe(CONFIG.title);
  expect(manifest.description).toBe(CONFIG.description);

  await page.addInitScript(() => {
    (window as unknown as { __pwned: number }).__pwned = 0;
  });
  let dialogs = 0;
  page.on('dialog', (d) => {
    dialogs++;
    void d.dismiss();
  });
  await page.goto(site);
  // The home page's title is "site | description" (jekyll-seo-tag's rule), all of it text.
  await expect(page).toHaveTitle(`${CONFIG.title} | ${CONFIG.description}`);
  await expect(page.locator('.site-header .brand')).toHaveText(CONFIG.title);
  await expect(page.locator('meta[name="description"]')).toHaveAttribute(
    'content',
    CONFIG.description,
  );
  expect(await page.locator('html').getAttribute('lang')).toBe(CONFIG.lang);
  await page.getByRole('link', { name: 'A post' }).first().click();
  await expect(page.locator('article h1')).toHaveText('A post');
  // A relative link is not sent to the javascript: "site url".
  await expect(page.locator('article .post-body a', { hasText: 'home' })).not.toHaveAttribute(
    'href',
    /javascript/i,
  );
  expect(await page.evaluate(() => (window as unknown as { __pwned: number }).__pwned)).toBe(0);

  // The library's second page: a folder of the site whatever the pattern says, its title text.
  await page.goto(site);
  await page.getByRole('link', { name: 'Older posts' }).click();
  await expect(page.getByRole('link', { name: 'An older post' })).toBeVisible();
  const second = new URL(page.url());
  expect(second.origin + second.pathname.slice(0, new URL(site).pathname.length)).toBe(site);
  expect(second.protocol).toBe('http:');
  expect(second.search + second.hash).toBe('');
  await expect(page).toHaveTitle(`Page 2 of 2 for ${CONFIG.title} | ${CONFIG.description}`);
  // The same page as built, loaded from the host.
  const response = await page.reload();
  expect(response?.status()).toBe(200);
  await expect(page.getByRole('link', { name: 'An older post' })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __pwned: number }).__pwned)).toBe(0);
  expect(dialogs).toBe(0);
});
