import { expect, inView, SEED_SLUG, test, seedUrl, SEED_PATH } from './fixtures.ts';

const RALLY = 'Using Rally for OpenStack certification at Scale!';
const RALLY_ID = 'using-rally-for-openstack-certification-at-scale';

test('typo → keyboard → open the talk in view with highlights', async ({ page }) => {
  await page.goto('./');
  const box = page.getByRole('combobox', { name: 'Search talks' });
  await box.click();
  await box.pressSequentially('Ralley', { delay: 30 });

  const list = page.getByRole('listbox', { name: 'Search results' });
  const options = list.getByRole('option');
  await expect(box).toHaveAttribute('aria-expanded', 'true');
  await expect(options.first()).toContainText(RALLY);
  // The typo's match is highlighted in the title.
  await expect(options.first().locator('mark').first()).toHaveText('Rally');

  await box.press('ArrowDown');
  const first = await options.first().getAttribute('id');
  await expect(box).toHaveAttribute('aria-activedescendant', first!);
  await expect(options.first()).toHaveAttribute('aria-selected', 'true');
  const count = await options.count();
  if (count > 1) {
    await box.press('ArrowDown');
    await expect(options.nth(1)).toHaveAttribute('aria-selected', 'true');
    await box.press('ArrowUp');
  }
  await expect(options.first()).toHaveAttribute('aria-selected', 'true');
  await box.press('Enter');

  // The terms to mark travel in the route (as Pagefind's highlight parameter does).
  await expect(page).toHaveURL(new RegExp(`/${SEED_PATH}\\?hl=[^&#]*rally[^#]*#${RALLY_ID}$`, 'i'));
  await expect.poll(() => inView(page, `[id="${RALLY_ID}"]`)).toBe(true);
  const marks = page.locator('article .post-body mark.search-hit');
  await expect(marks.first()).toBeVisible();
  await expect(marks.first()).toHaveText(/rally/i);
  // Only the opened talk is marked: nothing before its heading.
  const before = await marks.evaluateAll((els, id) => {
    const h = document.getElementById(id)!;
    return els.filter((m) => h.compareDocumentPosition(m) & Node.DOCUMENT_POSITION_PRECEDING)
      .length;
  }, RALLY_ID);
  expect(before).toBe(0);

  // A reload (or the link shared) keeps them.
  const marked = await marks.count();
  await page.reload();
  await expect(marks.first()).toBeVisible();
  expect(await marks.count()).toBe(marked);

  // Moving on (another talk) removes the marks.
  await page.goto(seedUrl('superuser-award'));
  await expect(page.locator('mark.search-hit')).toHaveCount(0);
});

test('the search route shows the full list and survives a reload', async ({ page }) => {
  await page.goto('./#/search?q=Ralley');
  await expect(page.getByRole('heading', { level: 1, name: 'Search' })).toBeVisible();
  const field = page
    .getByLabel('Search talks', { exact: true })
    .and(page.locator('#search-page-field'));
  await expect(field).toHaveValue('Ralley');
  const results = page.locator('.search-page .results > li');
  await expect(results.first()).toContainText(RALLY);
  const titles = await results.locator('.title').allTextContents();

  await page.reload();
  await expect(results.first()).toContainText(RALLY);
  expect(await results.locator('.title').allTextContents()).toEqual(titles);
  await expect(results.first().locator('a')).toHaveAttribute(
    'href',
    new RegExp(`/${SEED_PATH}\\?hl=rally#${RALLY_ID}$`),
  );

  // Typing replaces the query in the address bar; a clear message when nothing matches.
  await field.fill('zzqqxx');
  await expect(page).toHaveURL(/\/search\/\?q=zzqqxx$/);
  await expect(
    page.getByRole('status').filter({ hasText: 'No results for “zzqqxx”' }),
  ).toBeVisible();
  await field.fill('升级');
  await expect(results).toHaveCount(3);
  await expect(results.first().locator('mark').first()).toHaveText('升级');
});

test('"/" and Ctrl+K focus the box; Esc closes the list, then clears', async ({ page }) => {
  await page.goto(seedUrl());
  await expect(page.locator('article h1')).toBeVisible();
  const box = page.getByRole('combobox', { name: 'Search talks' });

  await page.locator('body').press('/');
  await expect(box).toBeFocused();
  await expect(box).toHaveValue('');
  await box.blur();
  await page.keyboard.press('Control+k');
  await expect(box).toBeFocused();

  await box.fill('superusr');
  const options = page.getByRole('option');
  await expect(options.first()).toContainText('Superuser Award');
  await box.press('Escape');
  await expect(box).toHaveAttribute('aria-expanded', 'false');
  await expect(page.getByRole('listbox', { name: 'Search results' })).toBeHidden();
  await expect(box).toHaveValue('superusr');
  await box.press('Escape');
  await expect(box).toHaveValue('');
  await expect(box).not.toBeFocused();

  // Enter with no active option goes to the search route.
  await box.click();
  await box.fill('vmware 集群');
  await expect(options.first()).toContainText('VMware Integrated OpenStack');
  await box.press('Enter');
  await expect(page).toHaveURL(/\/search\/\?q=vmware(\+|%20)%E9%9B%86%E7%BE%A4$/);
  await expect(page.locator('.search-page .results > li').first()).toContainText('VMware');

  // A click outside closes the list.
  await box.fill('Rally');
  await expect(options.first()).toBeVisible();
  // (the bottom-left corner of the page: the open list may cover the heading)
  const size = page.viewportSize()!;
  await page.mouse.click(2, size.height - 2);
  await expect(box).toHaveAttribute('aria-expanded', 'false');
});

test('harmless queries: operators, emoji, long input', async ({ page }) => {
  await page.goto('./');
  const box = page.getByRole('combobox', { name: 'Search talks' });
  for (const q of ['^!\'"=$|', '🚀🚀', 'x'.repeat(1000), '   ']) {
    await box.fill(q);
    await expect(box).toHaveAttribute('aria-expanded', 'false');
  }
  await box.fill('"Rally" | ^Boris');
  await expect(page.getByRole('option').first()).toContainText(RALLY);
});

/**
 * Requests for the search index's files (assets/search-<build>/…) by the page or its search
 * worker (not by the service worker's precache).
 */
function indexRequests(page: import('@playwright/test').Page): string[] {
  const urls: string[] = [];
  page.context().on('request', (r) => {
    if (r.serviceWorker()) return;
    if (/\/assets\/search-[0-9a-f]+\/[^/]+\.jsonz?$/.test(r.url())) urls.push(r.url());
  });
  return urls;
}

test('a small library: the worker fetches one index file, once, from the sub-path', async ({
  page,
  baseURL,
}) => {
  const urls = indexRequests(page);
  await page.goto('./#/search?q=Ralley');
  await expect(page.locator('.search-page .results > li').first()).toContainText(RALLY);
  await page.getByRole('searchbox').fill('升级');
  await expect(page.locator('.search-page .results > li')).toHaveCount(3);
  expect(urls).toHaveLength(1);
  expect(urls[0]).toMatch(new RegExp(`^${baseURL!}assets/search-[0-9a-f]+/index\\.jsonz$`));
});

test('with no Web Worker, search runs on the main thread from the same file', async ({ page }) => {
  await page.addInitScript(() => {
    delete (window as { Worker?: unknown }).Worker;
  });
  const urls = indexRequests(page);
  await page.goto('./#/search?q=Ralley');
  await expect(page.locator('.search-page .results > li').first()).toContainText(RALLY);
  expect(urls).toHaveLength(1);
});
