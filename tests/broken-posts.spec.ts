import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { brokenCorpus, DEEP, slugOf, writeBrokenCorpus } from './corpus/broken.ts';
import { expect, test } from './fixtures.ts';
import { buildSite, corpusSite, type CorpusSite } from './site.ts';

/**
 * Broken and extreme posts: the build completes and warns once per problem with file and
 * line, `npm run check:posts` lists the same problems and fails, and the reader shows every
 * post (or a clear note) without freezing.
 */

let site = '';

const corpus = brokenCorpus();
const listed = corpus.filter((p) => !p.leftOut);
/** A site title with every `$` pattern of String.prototype.replace (issue: it corrupted index.html). */
const SITE_TITLE = "Pay $$ and $& now, $' and $` too";
let root: string;
let posts: string;
let fixture: CorpusSite | undefined;
let buildLog = '';

test.describe.configure({ mode: 'default' });
// Each test is a fresh context: no service worker precaching a 5 MB post every time.
test.use({ serviceWorkers: 'block' });

test.beforeAll(async () => {
  test.setTimeout(300_000);
  fixture = await corpusSite('broken', (dir, top) => {
    writeBrokenCorpus(dir, corpus);
    // Read as the site config: the _config.yml beside POSTS_DIR.
    writeFileSync(path.join(top, '_config.yml'), `title: ${JSON.stringify(SITE_TITLE)}\n`);
  });
  ({ root, posts, url: site, log: buildLog } = fixture);
});

test.afterAll(() => fixture?.close());

/** One pattern per expected warning, in the order the posts are read (by file name). */
function expectedWarnings(): RegExp[] {
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return [...corpus]
    .sort((a, b) => (a.file < b.file ? -1 : 1))
    .flatMap((p) =>
      p.warnings.map(
        (w) =>
          new RegExp(`${escape(p.file)}${w.line > 0 ? `:${w.line}` : ''}: .*${w.message.source}`),
      ),
    );
}
const warnedFiles = new Set(corpus.filter((p) => p.warnings.length > 0).map((p) => p.file)).size;

test('the build completes and warns once per problem, naming file and line', () => {
  const warnings = buildLog.split('\n').filter((l) => l.startsWith('[summit]'));
  const expected = expectedWarnings();
  expect(warnings).toHaveLength(expected.length);
  warnings.forEach((line, i) => expect(line).toMatch(expected[i]!));
});

test('npm run check:posts lists every problem and fails, and lists skipped posts; the bundled posts pass', () => {
  const env = { ...process.env, POSTS_DIR: posts };
  const broken = spawnSync('npm', ['run', '--silent', 'check:posts'], { env, encoding: 'utf8' });
  expect(broken.status, broken.stderr).toBe(1);
  const out = broken.stdout.split('\n').filter((l) => l !== '');
  const skipped = out.filter((l) => / skipped \(/.test(l));
  const lines = out.filter((l) => !l.startsWith('check:posts:') && !skipped.includes(l));
  const expected = expectedWarnings();
  expect(lines).toHaveLength(expected.length);
  lines.forEach((line, i) => expect(line).toMatch(expected[i]!));
  expect(skipped).toEqual([
    expect.stringMatching(/2016-01-20-Unpublished\.md: skipped \(published: false\)$/),
  ]);
  expect(broken.stdout).toMatch(
    new RegExp(
      `${expected.length} problems in ${warnedFiles} files; ${listed.length} posts read from .*, 1 skipped`,
    ),
  );

  const { POSTS_DIR: _unused, ...clean } = process.env;
  const good = spawnSync('npm', ['run', '--silent', 'check:posts'], {
    env: clean,
    encoding: 'utf8',
  });
  expect(good.status, good.stdout + good.stderr).toBe(0);
  expect(good.stdout).toContain('no problems');
});

/**
 * How the address of a post's page ends: the site has no permalink set, so Jekyll's `date`
 * style (`/:categories/:year/:month/:day/:title.html`) places it.
 */
function pageEnd(slug: string): string {
  return `/${encodeURIComponent(slug.replace(/^\d{4}-\d{2}-\d{2}-/, ''))}.html`;
}

test('the library lists every post but those left out', async ({ page }) => {
  await page.goto(site);
  await expect(page.locator('.post-card').first()).toBeVisible();
  for (const post of corpus) {
    const link = page.locator(`a[href$="${pageEnd(slugOf(post))}"]`);
    const title = page.locator('.post-card h3').getByText(post.title, { exact: true });
    if (!post.leftOut) {
      await expect(link.first(), post.what).toBeVisible();
      await expect(title, post.what).toHaveCount(1);
    } else {
      // A left-out twin shares its slug with the kept one: its title is what must be absent.
      const twin = listed.some((p) => slugOf(p) === slugOf(post));
      if (!twin) await expect(link, post.what).toHaveCount(0);
      await expect(title, post.what).toHaveCount(0);
    }
  }
  await expect(page.locator('.post-card')).toHaveCount(listed.length);
});

test('a site title with $ patterns is written as it is, and nothing else changes', async ({
  page,
}) => {
  const html = await (await fetch(site)).text();
  // The home page's title is "site | description" (jekyll-seo-tag's rule).
  expect(html).toContain("<title>Pay $$ and $&amp; now, $' and $` too | ");
  expect(html).toContain(
    `<meta property="og:site_name" content="Pay $$ and $&amp; now, $' and $\` too" />`,
  );
  expect(html.match(/Content-Security-Policy/g)).toHaveLength(1);
  expect(html.match(/<title>/g)).toHaveLength(1);
  expect(html.match(/<\/html>/g)).toHaveLength(1);
  await page.goto(site);
  await expect(page).toHaveTitle(`${SITE_TITLE} | Conference notes, readable offline.`);
  await expect(page.locator('.brand')).toHaveText(SITE_TITLE);
  // No stray text before the app: the body holds the app and scripts only.
  const stray = await page.evaluate(() =>
    [...document.body.childNodes]
      .filter((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim() !== '')
      .map((n) => n.textContent),
  );
  expect(stray).toEqual([]);
});

test('a POSTS_DIR that is a file: one clear line, and the build goes on with no posts', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const file = path.join(root, 'not-a-folder.md');
  writeFileSync(file, '## Not a folder\n');
  const out = path.join(root, 'site', 'file');
  const log = buildSite(file, out);
  const warnings = log.split('\n').filter((l) => l.startsWith('[summit]'));
  expect(warnings).toEqual([
    expect.stringMatching(
      /not-a-folder\.md: is a file, not a folder of posts; no posts read from it$/,
    ),
  ]);
  expect(log).not.toMatch(/ENOTDIR/);
  expect(existsSync(path.join(out, 'index.html'))).toBe(true);
  await page.goto(new URL('../file/', site).href);
  await expect(page.locator('.brand')).toHaveText(SITE_TITLE);
  await expect(page.locator('.post-card')).toHaveCount(0);
});

test('a card lists a dozen talks and links to the rest', async ({ page }) => {
  await page.goto(site);
  const card = page.locator('.post-card', {
    has: page.locator(`a[href$="${pageEnd('2016-01-10-Many-Headings')}"]`),
  });
  await expect(card.locator('.talk-list li')).toHaveCount(13);
  const more = card.getByRole('link', { name: '4988 more talks' });
  await expect(more).toHaveAttribute('href', new RegExp(`${pageEnd('2016-01-10-Many-Headings')}$`));
});

for (const post of listed) {
  test(`the reader shows ${post.what}`, async ({ page }) => {
    // The 5 MB and 5,000-heading posts take a while on a slow machine, but must finish.
    test.setTimeout(240_000);
    await page.goto(`${site}#/posts/${encodeURIComponent(slugOf(post))}`);
    const article = page.locator('article');
    await expect(article.locator('h1')).toHaveText(post.title, { timeout: 200_000 });
    // The body (or a clear note in its place), never "Loading…" for ever.
    await expect(article.locator('.post-body, .problem').first()).toBeAttached({
      timeout: 200_000,
    });
    await expect(article.locator('.loading')).toHaveCount(0);
    if (post.bodyText) await expect(article).toContainText(post.bodyText);
    if (post.date) await expect(article.locator(`time[datetime="${post.date}"]`)).toHaveCount(1);
    for (const id of post.ids ?? []) {
      await expect(article.locator(`.post-body [id="${id}"]`)).toHaveCount(1);
    }
    // The page finishes loading: its parser never gives up on it.
    await expect
      .poll(() => page.evaluate(() => document.readyState), { timeout: 200_000 })
      .toBe('complete');
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
  // An in-post link: a real fragment of the post's own page.
  await expect(link).toHaveAttribute('href', '#qa-1');
  await link.click();
  await expect(page.locator('h2#qa-1')).toBeInViewport();

  await page.goto(`${site}#/posts/2016-01-12-Punctuation-Headings/section-4`);
  await expect(page.locator('h2#section-4')).toBeInViewport();
  await expect(page.locator('h2#section-4')).toContainText('🚀 🚀');
});
