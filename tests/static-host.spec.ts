import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures.ts';

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? filesUnder(path.join(dir, d.name)) : [path.join(dir, d.name)],
  );
}

test('dist/ has no absolute URLs, so it works at any sub-path', () => {
  const offenders: string[] = [];
  for (const file of filesUnder(process.env['E2E_DIST'] ?? 'dist')) {
    if (!/\.(html|js|css|webmanifest)$/.test(file)) continue;
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
