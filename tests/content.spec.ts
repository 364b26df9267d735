import { deepPost, idsPost, legitCorpus, writeLegitCorpus } from './corpus/legit.ts';
import { expect, test } from './fixtures.ts';
import { corpusSite, type CorpusSite } from './site.ts';

/**
 * Legitimate content is never lost: posts about HTML and XSS, headings named like the app's
 * own elements, and absurdly deep raw HTML, built into a site of their own.
 */

let fixture: CorpusSite | undefined;
let site = '';
let log = '';

test.describe.configure({ mode: 'default' });
test.use({ serviceWorkers: 'block' });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  fixture = await corpusSite('content', writeLegitCorpus);
  ({ url: site, log } = fixture);
});

test.afterAll(() => fixture?.close());

const fold = (s: string) => s.replace(/\s+/g, ' ').trim();

for (const post of legitCorpus) {
  test(`no visible text is lost: ${post.file}`, async ({ page }) => {
    await page.goto(`${site}#/posts/${post.slug}`);
    const body = page.locator('article .post-body');
    await expect(body).toBeVisible();
    await expect(page.locator('article .heading-tools').first()).toBeAttached();
    const text = await body.evaluate((el) => {
      const copy = el.cloneNode(true) as HTMLElement;
      for (const tools of copy.querySelectorAll('.heading-tools')) tools.remove();
      return copy.textContent ?? '';
    });
    expect(fold(text)).toBe(post.text);
  });
}

test('headings named like the app own elements get the deep links, inside the article', async ({
  page,
}) => {
  for (const [id, name] of [
    ['main', 'Main'],
    ['summit-app', 'summit-app'],
    ['toc-drawer', 'toc-drawer'],
    ['zz-later', 'zz later'],
  ] as const) {
    await page.goto(`${site}#/posts/${idsPost.slug}/${id}`);
    const heading = page.locator(`article .post-body h2[id="${id}"]`);
    await expect(heading).toContainText(name);
    await expect
      .poll(() => heading.evaluate((h) => Math.round(h.getBoundingClientRect().top)))
      .toBeLessThan(120);
    // Exactly one element has the id, and it is that heading.
    expect(await page.locator(`[id="${id}"]`).count()).toBe(1);
    await expect(page.locator('.toc-column nav a[aria-current]')).toHaveText(name);
  }
  // The raw heading that claimed "zz-later" has no id.
  await expect(page.locator('article h2', { hasText: 'Raw heading' })).not.toHaveAttribute(
    'id',
    /./,
  );
  // The app's own elements kept theirs.
  expect(await page.evaluate(() => document.getElementById('summit:main')?.localName)).toBe('main');
});

test('raw HTML nested 100,000 deep is flattened with a warning, its text kept', async ({
  page,
}) => {
  expect(log).toMatch(
    new RegExp(`${deepPost.file}:6: raw HTML nested more than 128 elements deep`),
  );
  expect(log).toContain(`${deepPost.file}:10: raw HTML nested`);
  expect(log).toContain(`${deepPost.file}:14: raw HTML nested`);
  await page.goto(`${site}#/posts/${deepPost.slug}`);
  const body = page.locator('article .post-body');
  for (const text of ['deep div text', 'deep span text', 'deep details text', 'The end.'])
    await expect(body).toContainText(text);
  const depth = await body.evaluate((el) => {
    let max = 0;
    for (const e of el.querySelectorAll('*')) {
      let d = 0;
      for (let p: Element | null = e; p && p !== el; p = p.parentElement) d++;
      max = Math.max(max, d);
    }
    return max;
  });
  expect(depth).toBeLessThanOrEqual(130);
});
