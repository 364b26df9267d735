import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from './fixtures.ts';
import { buildSite, serveFolder } from './site.ts';

/**
 * A folder of posts that is not a Jekyll site (no _config.yml beside it), built into a site
 * of its own: neutral defaults, not the bundled library's; a post without headings; a category
 * that is also a tag; Liquid evaluated.
 */

let root: string;
let site = '';
let distHtml = '';
let log = '';
let server: Awaited<ReturnType<typeof serveFolder>> | undefined;

test.describe.configure({ mode: 'default' });
test.use({ serviceWorkers: 'block' });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  root = mkdtempSync(path.join(tmpdir(), 'summit-jekyll-site-'));
  const posts = path.join(root, 'notes');
  mkdirSync(posts);
  writeFileSync(
    path.join(posts, '2021-03-01-flat.md'),
    '---\ntitle: A flat note\n---\nJust a paragraph of English text, with no headings at all.\n',
  );
  writeFileSync(
    path.join(posts, '2021-03-02-tagged.md'),
    '---\ntitle: Tagged\ncategory: Travel\ntags: [Travel, food]\n---\n## Lunch\n\nGood food.\n\n## Dinner\n\nMore food.\n',
  );
  writeFileSync(
    path.join(posts, '2021-03-03-liquid.md'),
    [
      '---',
      'title: Liquid note',
      'who: Ada',
      '---',
      '## Greeting',
      '',
      '{% assign n = 3 %}{% capture hi %}Hello, **{{ page.who }}**{% endcapture %}{{ hi }} × {{ n }}',
      '',
      '```',
      '{% raw %}{{ kept }}{% endraw %} and {{ page.title }}',
      '```',
      '',
    ].join('\n'),
  );
  const dist = path.join(root, 'site', 'n');
  log = buildSite(posts, dist);
  distHtml = readFileSync(path.join(dist, 'index.html'), 'utf8');
  server = await serveFolder(path.join(root, 'site'));
  site = `http://127.0.0.1:${server.port}/n/`;
});

test.afterAll(() => {
  server?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

test('a folder with no _config.yml gets neutral defaults, not the bundled library', async ({
  page,
}) => {
  const bundled = readFileSync('site.config.yml', 'utf8');
  const description = /^description: (.*)$/m.exec(bundled)![1]!;
  const author = /^author: (.*)$/m.exec(bundled)![1]!;
  expect(distHtml).toMatch(/<html lang="en"/);
  expect(distHtml).not.toContain(description);
  await page.goto(site);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.getByRole('link', { name: 'Tagged', exact: true }).click();
  await expect(page.locator('article h1')).toHaveText('Tagged');
  await expect(page.locator('.post-header')).not.toContainText(author);
});

test('a post without headings states no talk count', async ({ page }) => {
  await page.goto(site);
  const card = page.locator('.post-card', { hasText: 'A flat note' });
  await expect(card).toContainText('Just a paragraph');
  await expect(card.locator('.meta')).not.toContainText(/talk/i);
  await expect(page.locator('.post-card', { hasText: 'Tagged' }).locator('.meta')).toContainText(
    '2 talks',
  );
  await card.getByRole('link', { name: 'A flat note' }).click();
  await expect(page.locator('article h1')).toHaveText('A flat note');
  await expect(page.locator('.post-header .meta')).not.toContainText(/talk/i);
});

test('a category that is also a tag is shown once', async ({ page }) => {
  await page.goto(site);
  const card = page.locator('.post-card', { hasText: 'Tagged' });
  await expect(card.locator('.tags li')).toHaveText(['Travel', 'food']);
  await card.getByRole('link', { name: 'Tagged', exact: true }).click();
  await expect(page.locator('.post-header .tags li')).toHaveText(['Travel', 'food']);
});

test('Liquid is evaluated before Markdown, and runs in code unless raw', async ({ page }) => {
  expect(log).not.toMatch(/\[summit\].*2021-03-03-liquid/);
  await page.goto(site);
  await page.getByRole('link', { name: 'Liquid note', exact: true }).click();
  const article = page.locator('article');
  await expect(article.locator('p', { hasText: 'Hello' })).toHaveText('Hello, Ada × 3');
  await expect(article.locator('p strong')).toHaveText('Ada');
  await expect(article.locator('pre code')).toHaveText('{{ kept }} and Liquid note');
});
