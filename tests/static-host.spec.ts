import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, SEED_PATH, SEED_TITLE, test } from './fixtures.ts';
import { filesUnder, serveFolder } from './site.ts';

test('dist/ has no absolute URLs, so it works at any sub-path', () => {
  const offenders: string[] = [];
  for (const file of filesUnder(process.env['E2E_DIST'] ?? 'dist')) {
    if (!/\.(html|js|css|webmanifest)$/.test(file)) continue;
    // The host serves 404.html at any depth: it links from the site root (its `baseurl`), as
    // a Jekyll site's 404 page does (tests/jekyll-pages.spec.ts).
    if (path.basename(file) === '404.html') continue;
    const text = readFileSync(file, 'utf8');
    const patterns = [
      /\b(?:src|href|action)=["']\/(?!\/)/g,
      /url\(\s*["']?\/(?!\/)/g,
      /["'](?:start_url|scope|id)["']\s*:\s*["']\//g,
      /\bimportScripts\(\s*["']\/(?!\/)/g,
      /["']\/(?:assets|sw\.js|workbox-[\w-]+\.js|manifest\.webmanifest|index\.html)/g,
    ];
    for (const re of patterns) {
      for (const m of text.matchAll(re)) offenders.push(`${file}: ${m[0]}`);
    }
  }
  expect(offenders).toEqual([]);
});

test('the app is served from a nested sub-path by a plain static server', async ({
  page,
  baseURL,
}) => {
  expect(new URL(baseURL!).pathname.split('/').filter(Boolean).length).toBeGreaterThan(1);
  await page.goto('./');
  await expect(page.getByRole('heading', { level: 1, name: 'Library' })).toBeVisible();
  const scripts = await page.evaluate(() =>
    [...document.querySelectorAll('script[src]')].map((s) => (s as HTMLScriptElement).src),
  );
  for (const src of scripts) expect(src.startsWith(baseURL!)).toBe(true);
});

test('the site also works from the root of a host, each page at its own address', async ({
  browser,
}) => {
  const server = await serveFolder(process.env['E2E_DIST'] ?? 'dist');
  try {
    const page = await browser.newPage({ serviceWorkers: 'block' });
    const root = `http://127.0.0.1:${server.port}/`;
    await page.goto(`${root}${SEED_PATH}#superuser-award`);
    await expect(page.locator('article h1')).toHaveText(SEED_TITLE);
    await expect(page.locator('h3#superuser-award')).toBeInViewport();
    await page.locator('.site-header .brand').click();
    await expect(page).toHaveURL(root);
    // No language chosen in this browser: the site's (the seed's is Chinese).
    await expect(page.getByRole('heading', { level: 1, name: '文章列表' })).toBeVisible();
    await page.close();
  } finally {
    server.close();
  }
});
