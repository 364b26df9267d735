import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brokenCorpus, DEEP, writeBrokenCorpus } from './corpus/broken.ts';
import { expect, test } from './fixtures.ts';
import { buildSite, serveFolder } from './site.ts';

/**
 * Broken and extreme posts: the build completes and warns once per problem with file and
 * line, `npm run check:posts` lists the same problems and fails, and the reader shows every
 * post (or a clear note) without freezing.
 */

let site = '';

const corpus = brokenCorpus();
let root: string;
let posts: string;
let server: Awaited<ReturnType<typeof serveFolder>> | undefined;
let buildLog = '';

test.describe.configure({ mode: 'default' });
// Each test is a fresh context: no service worker precaching a 5 MB post every time.
test.use({ serviceWorkers: 'block' });

test.beforeAll(async () => {
  test.setTimeout(300_000);
  root = mkdtempSync(path.join(tmpdir(), 'summit-broken-'));
  posts = path.join(root, 'posts');
  mkdirSync(posts);
  writeBrokenCorpus(posts, corpus);
  buildLog = buildSite(posts, path.join(root, 'site', 'broken'));
  server = await serveFolder(path.join(root, 'site'));
  site = `http://127.0.0.1:${server.port}/broken/`;
});

test.afterAll(() => {
  server?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

/** One pattern per expected warning, in the order the posts are read (by file name). */
function expectedWarnings(): RegExp[] {
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return [...corpus]
    .sort((a, b) => (a.file < b.file ? -1 : 1))
    .flatMap((p) =>
      p.warnings.map((w) => new RegExp(`${escape(p.file)}:${w.line}: .*${w.message.source}`)),
    );
}

test('the build completes and warns once per problem, naming file and line', () => {
  const warnings = buildLog.split('\n').filter((l) => l.startsWith('[summit]'));
  const expected = expectedWarnings();
  expect(warnings).toHaveLength(expected.length);
  warnings.forEach((line, i) => expect(line).toMatch(expected[i]!));
});

test('npm run check:posts lists every problem and fails; the bundled posts pass', () => {
  const env = { ...process.env, POSTS_DIR: posts };
  const broken = spawnSync('npm', ['run', '--silent', 'check:posts'], { env, encoding: 'utf8' });
  expect(broken.status, broken.stderr).toBe(1);
  const lines = broken.stdout.split('\n').filter((l) => /:\d+: /.test(l));
  const expected = expectedWarnings();
  expect(lines).toHaveLength(expected.length);
  lines.forEach((line, i) => expect(line).toMatch(expected[i]!));
  expect(broken.stdout).toMatch(
    new RegExp(`${expected.length} problems in ${expected.length} files`),
  );

  const { POSTS_DIR: _unused, ...clean } = process.env;
  const good = spawnSync('npm', ['run', '--silent', 'check:posts'], {
    env: clean,
    encoding: 'utf8',
  });
  expect(good.status, good.stdout + good.stderr).toBe(0);
  expect(good.stdout).toContain('no problems');
});

test('the library lists every post', async ({ page }) => {
  await page.goto(site);
  for (const post of corpus) {
    const slug = post.file.replace(/\.md$/, '');
    await expect(page.locator(`a[href="#/posts/${slug}"]`).first()).toBeVisible();
  }
});

test('a card lists a dozen talks and links to the rest', async ({ page }) => {
  await page.goto(site);
  const card = page.locator('.post-card', {
    has: page.locator('a[href="#/posts/2016-01-10-Many-Headings"]'),
  });
  await expect(card.locator('.talk-list li')).toHaveCount(13);
  const more = card.getByRole('link', { name: '4988 more talks' });
  await expect(more).toHaveAttribute('href', '#/posts/2016-01-10-Many-Headings');
});

for (const post of corpus) {
  test(`the reader shows ${post.what}`, async ({ page }) => {
    // The 5 MB and 5,000-heading posts take a while on a slow machine, but must finish.
    test.setTimeout(240_000);
    const slug = post.file.replace(/\.md$/, '');
    await page.goto(`${site}#/posts/${encodeURIComponent(slug)}`);
    const article = page.locator('article');
    await expect(article.locator('h1')).toHaveText(post.title, { timeout: 200_000 });
    // The body (or a clear note in its place), never "Loading…" for ever.
    await expect(article.locator('.post-body, .problem').first()).toBeAttached({
      timeout: 200_000,
    });
    await expect(article.locator('.loading')).toHaveCount(0);
    if (post.bodyText) await expect(article).toContainText(post.bodyText);
    for (const id of post.ids ?? []) {
      await expect(article.locator(`.post-body [id="${id}"]`)).toHaveCount(1);
    }
    // The tab is responsive once the post is shown.
    expect(await page.evaluate(() => document.readyState)).toBe('complete');
  });
}

test(`a list nested ${DEEP} levels is shown, flattened below 50 levels`, async ({ page }) => {
  await page.goto(`${site}#/posts/2016-01-13-Deep-List`);
  const body = page.locator('article .post-body');
  await expect(body).toContainText(`level ${DEEP}`);
  const depth = await body.evaluate((el) => {
    let max = 0;
    for (const li of el.querySelectorAll('li')) {
      let d = 0;
      for (let p: Element | null = li; p && p !== el; p = p.parentElement)
        if (p.localName === 'ul') d++;
      max = Math.max(max, d);
    }
    return max;
  });
  expect(depth).toBe(50);
});

test('duplicate and punctuation-only headings get distinct ids that links reach', async ({
  page,
}) => {
  await page.goto(`${site}#/posts/2016-01-11-Duplicate-Headings`);
  const link = page.getByRole('link', { name: 'The second Q&A' });
  await expect(link).toHaveAttribute('href', '#/posts/2016-01-11-Duplicate-Headings/qa-1');
  await link.click();
  await expect(page.locator('h2#qa-1')).toBeInViewport();

  await page.goto(`${site}#/posts/2016-01-12-Punctuation-Headings/section-4`);
  await expect(page.locator('h2#section-4')).toBeInViewport();
  await expect(page.locator('h2#section-4')).toContainText('🚀 🚀');
});
