import type { Page } from '@playwright/test';
import { expect, holdApp, openBuilt, inView, seedUrl, test } from './fixtures.ts';

/**
 * Issue 12: "When the app starts it takes over the page without a visible change. Use Svelte's
 * hydrate or an equivalent: no flash, no shift, focus and scroll kept." The app hydrates the
 * built page (src/app.ts): the page's own nodes stay in the document, the same objects, and
 * nothing shifts or is painted again as the largest content.
 */
// A reader who has not chosen an interface language other than the site's: the built page's
// interface is theirs (one who has sees it switch when the app starts: README "Left to do").
test.use({ viewport: { width: 412, height: 823 }, uiLang: null });

/** What the page looks like before the app: its nodes, kept aside in `window.kept`. */
const KEPT = {
  header: 'header.site-header',
  field: 'header input[type="search"]',
  main: 'main',
  h1: 'main h1',
  firstLink: 'main a[href]',
  firstPart: '.post-body > .post-part',
  talk: '[id="superuser-award"]',
  tocLink: 'aside nav a[href]',
};

/** Watches layout shifts, LCP entries and Svelte's warnings from before the page's first script. */
async function watch(page: Page, warnings: string[]) {
  page.on('console', (m) => {
    if (m.type() === 'warning' && /hydrat/i.test(m.text())) warnings.push(m.text());
  });
  await page.addInitScript(() => {
    const w = window as unknown as { shifts: number[]; lcp: [string, number][] };
    w.shifts = [];
    w.lcp = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as (PerformanceEntry & { value: number })[])
        w.shifts.push(e.value);
    }).observe({ type: 'layout-shift', buffered: true });
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as (PerformanceEntry & { element: Element | null })[])
        w.lcp.push([e.element?.nodeName ?? '(gone)', e.startTime]);
    }).observe({ type: 'largest-contentful-paint', buffered: true });
  });
}

const frames = (page: Page) =>
  page.evaluate(
    () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))),
  );

async function keep(page: Page) {
  await page.evaluate((selectors) => {
    const kept: Record<string, Element | null> = {};
    for (const [name, selector] of Object.entries(selectors))
      kept[name] = document.querySelector(selector);
    (window as unknown as { kept: typeof kept }).kept = kept;
  }, KEPT);
}

/** The names of the kept nodes that are no longer in the document. */
const lost = (page: Page) =>
  page.evaluate(() => {
    const kept = (window as unknown as { kept: Record<string, Element | null> }).kept;
    return Object.entries(kept)
      .filter(([, el]) => el !== null && !el.isConnected)
      .map(([name]) => name);
  });

test('a talk link: the app adopts the page as it is, no node made again, nothing painted again', async ({
  page,
}) => {
  const warnings: string[] = [];
  await watch(page, warnings);
  const release = await holdApp(page);
  await openBuilt(page, seedUrl('superuser-award'));
  await expect.poll(() => inView(page, '[id="superuser-award"]')).toBe(true);
  await frames(page);
  await keep(page);
  const before = await page.evaluate(() => ({
    y: scrollY,
    // From now on the app may run: a paint after this is the app's (an entry of an earlier
    // paint may still be on its way to the observer on a busy machine).
    released: performance.now(),
    disabled: document.querySelectorAll('header button:disabled').length,
  }));
  // Until the app starts, the page's buttons say they do nothing yet.
  expect(before.disabled).toBeGreaterThan(0);
  release();
  await expect(page.locator('[id="summit:app"][data-prerendered]')).toHaveCount(0);
  await expect(page.locator('.post-body .heading-tools').first()).toBeAttached();
  await frames(page);

  expect(await lost(page), 'the page nodes the app replaced').toEqual([]);
  const after = await page.evaluate(() => ({
    y: scrollY,
    shifts: (window as unknown as { shifts: number[] }).shifts,
    lcp: (window as unknown as { lcp: [string, number][] }).lcp,
  }));
  expect(after.y).toBe(before.y);
  expect(after.shifts).toEqual([]);
  // Nothing the app did was a new largest paint (moved or made again, a node paints anew).
  expect(after.lcp.filter(([, t]) => t >= before.released).map(([name]) => name)).toEqual([]);
  expect(warnings, 'Svelte hydrated without a mismatch').toEqual([]);
  // The buttons work now.
  await expect(page.locator('header button:disabled')).toHaveCount(0);
  await expect(page.locator('[data-summit-waiting]')).toHaveCount(0);
  const toggle = page.locator('.theme-toggle');
  const choice = await toggle.getAttribute('data-theme-choice');
  await toggle.click();
  await expect(toggle).not.toHaveAttribute('data-theme-choice', choice!);
});

test('the library: its nodes, the focused link and the scroll are kept', async ({ page }) => {
  const warnings: string[] = [];
  await watch(page, warnings);
  const release = await holdApp(page);
  await openBuilt(page, './');
  const link = page.locator('main a[href]').nth(3);
  await link.focus();
  await page.evaluate(() => scrollTo(0, 120));
  await keep(page);
  const y = await page.evaluate(() => scrollY);
  release();
  await expect(page.locator('[id="summit:app"][data-prerendered]')).toHaveCount(0);
  await frames(page);
  expect(await lost(page)).toEqual([]);
  await expect(link).toBeFocused();
  expect(await page.evaluate(() => scrollY)).toBe(y);
  expect(await page.evaluate(() => (window as unknown as { shifts: number[] }).shifts)).toEqual([]);
  expect(warnings).toEqual([]);
});

test('the icons and the manifest are fetched only once the app has started, and then work', async ({
  page,
}) => {
  const asked: string[] = [];
  page.on('request', (r) => {
    if (/(favicon|apple-touch-icon|pwa-\d+x\d+)[^/]*$|\.webmanifest$/.test(r.url()))
      asked.push(new URL(r.url()).pathname);
  });
  const release = await holdApp(page);
  await openBuilt(page, seedUrl('superuser-award'));
  await expect.poll(() => page.evaluate(() => document.readyState)).toBe('complete');
  await expect.poll(() => inView(page, '[id="superuser-award"]')).toBe(true);
  await frames(page);
  // The page has loaded and painted: none of them yet (they would race the first paint).
  expect(asked).toEqual([]);
  await expect(page.locator('head link[rel="manifest"]')).toHaveCount(0);
  await expect(page.locator('head link[rel~="icon"]:not([href^="data:"])')).toHaveCount(0);
  await expect(page.locator('head link[rel="apple-touch-icon"]')).toHaveCount(0);
  release();
  await expect(page.locator('[id="summit:app"][data-prerendered]')).toHaveCount(0);
  const manifest = page.locator('head link[rel="manifest"]');
  await expect(manifest).toHaveCount(1);
  // Absolute: a History API move does not make them point elsewhere.
  expect(await manifest.getAttribute('href')).toMatch(/^http:\/\/[^/]+\/.*manifest\.webmanifest$/);
  await expect(page.locator('head link[rel="apple-touch-icon"]')).toHaveCount(1);
  await expect(page.locator('head link[data-summit-placeholder]')).toHaveCount(0);
  const icons = page.locator('head link[rel="icon"]');
  await expect(icons).toHaveCount(2);
  for (const href of await icons.evaluateAll((links) =>
    links.map((l) => (l as HTMLLinkElement).href),
  ))
    expect((await page.request.get(href)).status(), href).toBe(200);
  expect(
    (await page.request.get(await manifest.evaluate((l) => (l as HTMLLinkElement).href))).status(),
  ).toBe(200);
});
