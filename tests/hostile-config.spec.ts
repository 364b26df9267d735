import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from './fixtures.ts';
import { buildSite, serveFolder } from './site.ts';

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
};

let root: string;
let site = '';
let indexHtml = '';
let server: Awaited<ReturnType<typeof serveFolder>> | undefined;

test.describe.configure({ mode: 'default' });
test.use({ serviceWorkers: 'block' });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  root = mkdtempSync(path.join(tmpdir(), 'summit-config-'));
  const blog = path.join(root, 'blog');
  mkdirSync(path.join(blog, '_posts'), { recursive: true });
  const yaml = Object.entries(CONFIG)
    .map(([k, v]) => `${k}: ${JSON.stringify(v)}`)
    .join('\n');
  writeFileSync(path.join(blog, '_config.yml'), `${yaml}\n`);
  writeFileSync(
    path.join(blog, '_posts', '2016-04-01-a-post.md'),
    '---\ntitle: A post\n---\n## A talk\n\n[home](/about/)\n',
  );
  buildSite(path.join(blog, '_posts'), path.join(root, 'site', 's'));
  indexHtml = readFileSync(path.join(root, 'site', 's', 'index.html'), 'utf8');
  server = await serveFolder(path.join(root, 'site'));
  site = `http://127.0.0.1:${server.port}/s/`;
});

test.afterAll(() => {
  server?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

test('the site config is text in index.html, the manifest and the app', async ({ page }) => {
  // One CSP, one title, no inline script: `$'` and `$&` did not copy parts of the page.
  expect(indexHtml.match(/http-equiv="Content-Security-Policy"/g)).toHaveLength(1);
  expect(indexHtml.match(/<title>/g)).toHaveLength(1);
  expect(indexHtml).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
  expect(indexHtml).not.toContain('<img src=x');
  const manifest = JSON.parse(
    readFileSync(path.join(root, 'site', 's', 'manifest.webmanifest'), 'utf8'),
  ) as { name: string; description: string };
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
  await expect(page).toHaveTitle(CONFIG.title);
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
  expect(dialogs).toBe(0);
});
