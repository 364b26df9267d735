import { test as base, expect, type BrowserContext, type Page } from '@playwright/test';

/** One Content-Security-Policy violation, as the page's `securitypolicyviolation` event saw it. */
export interface CspViolation {
  directive: string;
  blockedURI: string;
  source: string;
  sample: string;
  page: string;
}

const CSP_BINDING = '__summitCspViolation';

/**
 * Reports every Content-Security-Policy violation in every page of `context` (popups too) to
 * `sink`. The listener is installed before any script of the page runs.
 */
export async function watchCspViolations(
  context: BrowserContext,
  sink: (v: CspViolation) => void,
): Promise<void> {
  await context.exposeBinding(CSP_BINDING, (_source, v: CspViolation) => sink(v));
  await context.addInitScript((binding: string) => {
    document.addEventListener(
      'securitypolicyviolation',
      (e) => {
        const report = (window as unknown as Record<string, unknown>)[binding];
        if (typeof report !== 'function') return;
        void (report as (v: CspViolation) => Promise<void>)({
          directive: e.effectiveDirective || e.violatedDirective,
          blockedURI: e.blockedURI,
          source: `${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`,
          sample: e.sample,
          page: location.href,
        });
      },
      true,
    );
  }, CSP_BINDING);
}

/**
 * Every e2e test fails on an uncaught page error, a console error or a Content-Security-Policy
 * violation: a broken view, or content the policy has to block, must never pass silently.
 */
/**
 * Waits until the page is the reader's own: the app has taken over the built page (src/app.ts)
 * and any old hash link has gone on to its page. Survives the navigations on the way.
 */
async function settled(page: Page): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      await page.waitForFunction(
        // (An old hash link going on to its page leaves the app unstarted until it is there.)
        () =>
          document.readyState !== 'loading' &&
          !document.querySelector('[id="summit:app"][data-prerendered]'),
        undefined,
        { timeout: 30_000 },
      );
      return;
    } catch (e) {
      // A navigation on the way (an old hash link going on to its page): wait again.
      if (!/context was destroyed|navigat/i.test(String(e))) return;
    }
  }
}

export const test = base.extend<{
  pageErrors: string[];
  cspViolations: CspViolation[];
  uiLang: string | null;
}>({
  /**
   * The interface language the reader chose (stored as the app stores it): English, so the
   * suite reads one interface whatever the site's language. The built pages are in the site's
   * language (the seed's is Chinese) until the app starts; `null` leaves the reader's choice
   * unmade, for tests of the site's own language.
   */
  uiLang: ['en', { option: true }],
  context: async ({ context, uiLang }, use) => {
    if (uiLang) {
      await context.addInitScript((lang: string) => {
        try {
          if (localStorage.getItem('summit-reader:ui-lang') === null)
            localStorage.setItem('summit-reader:ui-lang', JSON.stringify(lang));
        } catch {
          // Storage off: the site's language.
        }
      }, uiLang);
    }
    await use(context);
  },
  /**
   * `page.goto` and `page.reload` return once the app has taken over the page (every page is
   * built whole, and the app takes it over a moment later): tests then see the reader as a
   * reader does, never a page half taken over. `waitUntil: 'commit'` skips the wait, for
   * tests of the built page itself; so does a context without JavaScript.
   */
  page: async ({ page, javaScriptEnabled }, use) => {
    if (javaScriptEnabled !== false) {
      const goto = page.goto.bind(page);
      const reload = page.reload.bind(page);
      page.goto = async (url, options) => {
        const response = await goto(url, options);
        if (options?.waitUntil !== 'commit') await settled(page);
        return response;
      };
      page.reload = async (options) => {
        const response = await reload(options);
        if (options?.waitUntil !== 'commit') await settled(page);
        return response;
      };
    }
    await use(page);
  },
  pageErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(`console: ${m.text()}`);
      });
      await use(errors);
      expect(errors, 'no page errors').toEqual([]);
    },
    { auto: true },
  ],
  cspViolations: [
    async ({ context }, use) => {
      const violations: CspViolation[] = [];
      await watchCspViolations(context, (v) => violations.push(v));
      await use(violations);
      expect(violations, 'no Content-Security-Policy violations').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

export const SEED_SLUG = '2015-05-19-Vancouver-Summit-2015-Second-Day';
export const SEED_TITLE = 'Vancouver Summit 2015 Second Day';
/**
 * The seed's page: where Jekyll puts it under site.config.yml's permalink
 * (`/:categories/:year/:month/:day/:title/`), relative to the site root.
 */
export const SEED_PATH = 'openstack/2015/05/19/Vancouver-Summit-2015-Second-Day/';

/** The seed's page, or one of its talks, relative to the site root (for `page.goto`). */
export function seedUrl(section?: string): string {
  return `./${SEED_PATH}${section ? `#${section}` : ''}`;
}

/** Matches the address of a page (site-relative path, then `#fragment` if given), at its end. */
export function urlOf(path: string, fragment?: string): RegExp {
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`/${esc(path)}${fragment === undefined ? '' : `#${esc(fragment)}`}$`);
}
// The seed's talks, in order: the same list the unit tests use.
export { SEED_TALKS } from './seed.ts';

/** True when the element's top is in the upper half of the viewport (below the header). */
export async function inView(page: Page, selector: string): Promise<boolean> {
  return page.locator(selector).evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.top >= 0 && r.top < innerHeight / 2;
  });
}

/**
 * Waits until the app has taken over the page the build wrote (src/app.ts): from then on,
 * links inside the site move with the History API instead of loading a page.
 */
export async function appStarted(page: Page): Promise<void> {
  await expect(page.locator('[id="summit:app"]')).toHaveCount(1);
  await expect(page.locator('[id="summit:app"][data-prerendered]')).toHaveCount(0);
}

/**
 * Opens `url` as the build wrote it (`waitUntil: 'commit'`), then waits until the parser has
 * read the whole page and its style sheets apply: what a reader first sees, since the sheets
 * block the first paint. Text and layout read before they apply are an unstyled page's (a
 * fresh-clone CI run compared such a page's `innerText` with the app's and failed).
 */
export async function openBuilt(page: Page, url: string): Promise<void> {
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction(() => {
    const sheets = [...document.querySelectorAll<HTMLLinkElement>('link[rel~="stylesheet"]')];
    return document.readyState !== 'loading' && sheets.length > 0 && sheets.every((l) => l.sheet);
  });
}

/** Waits until the service worker controls the page (the page is reloaded once for it). */
export async function waitForControl(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  // registerType 'prompt' does not claim the first page: the second load is controlled.
  await page.reload();
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
}

/** Holds back the app's chunk until `release` is called: the page is the build's alone. */
export async function holdApp(page: Page): Promise<() => void> {
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  await page.route(/\/assets\/app-[\w-]+\.js$/, async (route) => {
    await released;
    await route.continue();
  });
  return release;
}
