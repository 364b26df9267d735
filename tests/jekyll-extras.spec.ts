import AxeBuilder from '@axe-core/playwright';
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { appStarted, expect, test } from './fixtures.ts';
import { corpusSite, PNG, type CorpusSite } from './site.ts';

/**
 * What a Jekyll site's posts keep in the built reader, read in real Chromium: kramdown's
 * header ids (`{#id}`, `{: #id}`) as the headings' ids, in the TOC and in deep links; the
 * classes kept from attribute lists, styled in both themes (axe clean); `srcset` candidates of
 * the site's own images copied like `src`; `site.posts` in Liquid. The site is
 * tests/corpus/jekyll-extras (its images are written here), served under a sub-path.
 */

let fixture: CorpusSite | undefined;
let site = '';

test.describe.configure({ mode: 'default' });
test.use({ serviceWorkers: 'block' });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  fixture = await corpusSite(
    'extras',
    (_posts, root) => {
      const blog = path.join(root, 'blog');
      cpSync(path.join(import.meta.dirname, 'corpus', 'jekyll-extras'), blog, { recursive: true });
      mkdirSync(path.join(blog, 'assets'));
      writeFileSync(path.join(blog, 'assets', 'dot.png'), PNG);
      // Another file of it (a byte after its end): another hashed copy.
      writeFileSync(path.join(blog, 'assets', 'dot2.png'), Buffer.concat([PNG, Buffer.of(0)]));
    },
    'blog/_posts',
  );
  site = fixture.url;
});

test.afterAll(() => fixture?.close());

// No permalink in the config: Jekyll's `date` style.
const IDS = '2024/04/01/header-ids.html';
const LOOKS = '2024/04/02/looks.html';
const RECENT = '2024/04/03/recent.html';

test('header ids: the heading, the TOC entry and in-post links use the id kramdown gave', async ({
  page,
}) => {
  await page.goto(`${site}${IDS}`);
  const body = page.locator('.post-body');
  await expect(body.locator('h2#my-talks')).toHaveText('Talks');
  await expect(body.locator('h2#sx')).toHaveText('Setext heading');
  await expect(body.locator('h3#ial-id')).toHaveText('With an attribute list');
  await expect(body).not.toContainText('{#');
  await expect(body.getByRole('link', { name: 'talks', exact: true })).toHaveAttribute(
    'href',
    /#my-talks$/,
  );
  await expect(body.getByRole('link', { name: 'the setext one' })).toHaveAttribute('href', /#sx$/);
  const toc = page.getByRole('navigation', { name: 'Sessions' });
  await expect(toc.getByRole('link', { name: 'Talks' })).toHaveAttribute('href', /#my-talks$/);
  await expect(toc.getByRole('link', { name: 'With an attribute list' })).toHaveAttribute(
    'href',
    /#ial-id$/,
  );
  await appStarted(page);
  await toc.getByRole('link', { name: 'With an attribute list' }).click();
  await expect(page).toHaveURL(/\/2024\/04\/01\/header-ids\.html#ial-id$/);
  await expect(body.locator('h3#ial-id')).toBeInViewport();
});

test('header ids: an old deep link to the id lands on its heading', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 500 });
  await page.goto(`${site}${IDS}#sx`);
  await expect(page.locator('.post-body h2#sx')).toBeInViewport();
  const toc = page.getByRole('navigation', { name: 'Sessions' });
  await expect(toc.locator('a[aria-current="location"]')).toHaveAttribute('href', /#sx$/);
});

/** The computed styles that make each kept class look like its Jekyll theme's. */
async function styles(el: Locator, names: string[]): Promise<Record<string, string>> {
  return el.evaluate(
    (e, ns) => Object.fromEntries(ns.map((n) => [n, getComputedStyle(e).getPropertyValue(n)])),
    names,
  );
}

async function expectNoViolations(page: Page, name: string) {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${name}: ${v.id} ${v.nodes[0]?.target}`)).toEqual([]);
}

for (const scheme of ['light', 'dark'] as const) {
  test(`the classes kept from attribute lists are styled, ${scheme}, axe clean`, async ({
    page,
  }, testInfo) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(`${site}${LOOKS}`);
    const body = page.locator('.post-body');
    const page_bg = await styles(page.locator('body'), ['background-color']);
    const boxes = ['p.notice', 'p.notice--warning', 'p.alert.alert-danger', 'p.notice--success'];
    const seen = new Set<string>();
    for (const selector of boxes) {
      const box = await styles(body.locator(selector), [
        'background-color',
        'border-left-width',
        'border-left-color',
        'padding-left',
      ]);
      expect(box['background-color'], selector).not.toBe(page_bg['background-color']);
      expect(box['background-color'], selector).not.toBe('rgba(0, 0, 0, 0)');
      expect(box['border-left-width'], selector).toBe('4px');
      expect(box['padding-left'], selector).not.toBe('0px');
      seen.add(box['border-left-color']!);
    }
    // Each kind has its own colour.
    expect(seen.size).toBe(boxes.length);
    expect((await styles(body.locator('p.text-center'), ['text-align']))['text-align']).toBe(
      'center',
    );
    expect((await styles(body.locator('p.text-right'), ['text-align']))['text-align']).toBe(
      'right',
    );
    expect((await styles(body.locator('img.align-right'), ['float']))['float']).toBe('right');
    const centred = await styles(body.locator('img.align-center'), ['display', 'margin-left']);
    expect(centred['display']).toBe('block');
    expect(centred['margin-left']).not.toBe('0px');
    const plain = await styles(body.locator('a.btn:not(.btn--primary):not(.btn--danger)'), [
      'display',
      'border-top-width',
      'text-decoration-line',
      'background-color',
    ]);
    expect(plain).toMatchObject({
      display: 'inline-block',
      'border-top-width': '1px',
      'text-decoration-line': 'none',
      'background-color': 'rgba(0, 0, 0, 0)',
    });
    const primary = await styles(body.locator('a.btn--primary'), ['background-color', 'color']);
    expect(primary['background-color']).not.toBe('rgba(0, 0, 0, 0)');
    expect(primary['color']).toBe(page_bg['background-color']);
    await expectNoViolations(page, `looks, ${scheme}`);
    await testInfo.attach(`looks-${scheme}`, {
      body: await body.screenshot(),
      contentType: 'image/png',
    });
  });
}

test('srcset: each candidate that is a site image is its hashed copy, and loads', async ({
  page,
}) => {
  await page.goto(`${site}${LOOKS}`);
  const img = page.locator('.post-body img[alt="Sharp dot"]');
  const copy = String.raw`\.\./\.\./\.\./assets/site/dot2?-[0-9a-f]{8}\.png`;
  await expect(img).toHaveAttribute('srcset', new RegExp(`^${copy} 1x, ${copy} 2x$`));
  const [one, two] = (await img.getAttribute('srcset'))!.split(', ');
  expect(one).toMatch(/dot-/);
  expect(two).toMatch(/dot2-/);
  await expect
    .poll(() => img.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth))
    .toBe(1);
  expect(await img.evaluate((i: HTMLImageElement) => i.currentSrc)).toMatch(
    /\/extras\/assets\/site\/dot2?-[0-9a-f]{8}\.png$/,
  );
});

test('site.posts lists the posts newest first; each link opens that post', async ({ page }) => {
  await page.goto(`${site}${RECENT}`);
  const links = page.locator('.post-body li a');
  await expect(links).toHaveText(['Recent posts', 'Looks', 'Header ids']);
  await expect(page.locator('.post-body li').nth(2)).toContainText('(2024-04-01)');
  await expect(links.nth(2)).toHaveAttribute('href', /^(\.\.\/)+2024\/04\/01\/header-ids\.html$/);
  await appStarted(page);
  await links.nth(2).click();
  await expect(page).toHaveURL(/\/extras\/2024\/04\/01\/header-ids\.html$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Header ids');
});
