import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, SEED_SLUG, SEED_TITLE, test, seedUrl, SEED_PATH } from './fixtures.ts';

const PHONE = { width: 375, height: 812 };
const DESKTOP = { width: 1280, height: 800 };
const RALLY = 'using-rally-for-openstack-certification-at-scale';

async function noSidewaysScroll(page: Page) {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
}

async function scrollToHeading(page: Page, id: string) {
  await page.locator(`[id="${id}"]`).evaluate((el) => {
    window.scrollTo(0, el.getBoundingClientRect().top + scrollY - 80);
  });
}

test.describe('phone', () => {
  test.use({ viewport: PHONE, hasTouch: true });

  test('the TOC is a drawer opened from a button showing the current talk', async ({ page }) => {
    await page.goto(seedUrl('superuser-award'));
    await expect(page.locator('aside nav')).toBeHidden();
    const button = page.getByRole('button', { name: /Sessions/ });
    await expect(button).toContainText('Superuser Award');
    await button.click();
    const drawer = page.getByRole('dialog', { name: 'Sessions' });
    await expect(drawer).toBeVisible();
    // Focus is inside the drawer; Esc closes it and gives focus back to the button.
    await expect.poll(() => drawer.evaluate((d) => d.contains(document.activeElement))).toBe(true);
    await page.keyboard.press('Escape');
    await expect(drawer).toBeHidden();
    await expect(button).toBeFocused();

    // Choosing a talk closes the drawer and brings the talk into view.
    await button.click();
    await drawer
      .getByRole('link', { name: 'Using Rally for OpenStack certification at Scale!' })
      .click();
    await expect(drawer).toBeHidden();
    await expect(page).toHaveURL(new RegExp(`#${RALLY}$`));
    await expect(page.locator(`h3#${RALLY}`)).toBeInViewport();
    await expect(button).toContainText('Using Rally');
  });

  test('nothing scrolls sideways at 375 and 320 px', async ({ page }) => {
    for (const width of [375, 320]) {
      await page.setViewportSize({ width, height: 700 });
      await page.goto('./');
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await noSidewaysScroll(page);
      await page.goto(seedUrl());
      await expect(page.locator('article .post-body h3').first()).toBeVisible();
      await noSidewaysScroll(page);
    }
  });
});

test.describe('desktop', () => {
  test.use({ viewport: DESKTOP });

  test('the article sits in a readable column with the TOC beside it', async ({ page }) => {
    await page.goto(seedUrl());
    const article = await page.locator('article').boundingBox();
    const toc = await page.locator('aside nav').boundingBox();
    expect(article!.width).toBeLessThanOrEqual(760);
    expect(toc!.x).toBeGreaterThan(article!.x + article!.width - 1);
    await expect(page.getByRole('button', { name: /Sessions/ })).toBeHidden();
  });

  test('reading progress, continue reading and the reader’s last place', async ({ page }) => {
    await page.goto(seedUrl());
    const progress = page.getByRole('progressbar', { name: 'Reading progress' });
    await expect(progress).toHaveAttribute('value', '0');
    await scrollToHeading(page, RALLY);
    await expect.poll(async () => Number(await progress.getAttribute('value'))).toBeGreaterThan(40);
    await expect(page.locator('aside nav a.active')).toHaveAttribute(
      'href',
      new RegExp(`#${RALLY}$`),
    );

    await page.getByRole('link', { name: 'Summit Reader' }).click();
    const resume = page.getByRole('region', { name: 'Continue reading' });
    await expect(resume).toContainText(SEED_TITLE);
    await expect(resume).toContainText('Using Rally for OpenStack certification at Scale!');
    await resume.getByRole('link').click();
    await expect(page).toHaveURL(new RegExp(`#${RALLY}$`));
    await expect(page.locator(`h3#${RALLY}`)).toBeInViewport();
  });

  test('the library is grouped by year and tags have their own routes', async ({ page }) => {
    await page.goto('./');
    await expect(page.getByRole('heading', { level: 2, name: '2015' })).toBeVisible();
    await page.getByRole('link', { name: 'nova', exact: true }).first().click();
    await expect(page).toHaveURL(/\/tags\/nova\/$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Posts tagged “nova”');
    await expect(page.getByRole('link', { name: SEED_TITLE, exact: true })).toBeVisible();
    await page.goto('./#/categories/OpenStack');
    await expect(page.getByRole('link', { name: SEED_TITLE, exact: true })).toBeVisible();
    await page.goto('./#/tags/no-such-tag');
    await expect(page.getByRole('heading', { level: 1, name: 'Not found' })).toBeVisible();
  });

  test('each talk heading copies its link', async ({ page, context, baseURL }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.goto(seedUrl());
    await page.getByRole('button', { name: 'Copy link to “Superuser Award”' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Link copied' })).toBeAttached();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(`${baseURL}${SEED_PATH}#superuser-award`);
  });

  test('keyboard: skip link, focus moves to the new view and is announced', async ({ page }) => {
    await page.goto('./');
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to content' });
    await expect(skip).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: 'Library' })).toBeFocused();

    await page.getByRole('link', { name: SEED_TITLE, exact: true }).focus();
    await page.keyboard.press('Enter');
    await expect(page.locator('article h1')).toBeFocused();
    await expect(page.locator('[id="summit:announcer"]')).toHaveText(`Opened ${SEED_TITLE}`);
    // A visible focus ring.
    const outline = await page
      .locator('article h1')
      .evaluate((el) => getComputedStyle(el).outlineStyle);
    expect(outline).not.toBe('');
  });

  test('print shows the article alone, with link addresses', async ({ page }) => {
    await page.goto(seedUrl());
    await expect(page.locator('article .post-body')).toBeVisible();
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('.site-header')).toBeHidden();
    await expect(page.locator('aside')).toBeHidden();
    const after = await page
      .locator('article .post-body a[href^="https://bugs.launchpad.net"]')
      .evaluate((a) => getComputedStyle(a, '::after').content);
    expect(after).toContain('https://bugs.launchpad.net/nova/+bug/1420662');
  });
});

test.describe('themes', () => {
  test('follows prefers-color-scheme, and the toggle overrides it and persists', async ({
    page,
  }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto('./');
    const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const dark = await bg();
    await page.emulateMedia({ colorScheme: 'light' });
    const light = await bg();
    expect(dark).not.toBe(light);

    // auto → light → dark
    const toggle = page.getByRole('button', { name: /^Theme:/ });
    await expect(toggle).toHaveAccessibleName('Theme: Auto');
    await toggle.click();
    await toggle.click();
    await expect(toggle).toHaveAccessibleName('Theme: Dark');
    expect(await bg()).toBe(dark);

    // The saved theme is applied before the body exists, so there is no flash.
    await page.addInitScript(() => {
      new MutationObserver((_, observer) => {
        if (document.body) {
          (window as unknown as { themeAtBody: string | null }).themeAtBody =
            document.documentElement.getAttribute('data-theme');
          observer.disconnect();
        }
      }).observe(document, { childList: true, subtree: true });
    });
    await page.reload();
    expect(
      await page.evaluate(() => (window as unknown as { themeAtBody: string }).themeAtBody),
    ).toBe('dark');
    expect(await bg()).toBe(dark);
  });
});

test.describe('language', () => {
  // No choice made: the site's language (the seed's is Chinese).
  test.use({ locale: 'zh-CN', uiLang: null });

  test('the interface speaks the site’s language, can be switched, and dates follow', async ({
    page,
  }) => {
    await page.goto('./');
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('文章列表');
    await expect(page.locator('.post-card time').first()).toHaveText('2015年5月19日');
    await page.getByRole('button', { name: /English/ }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Library');
    await expect(page.locator('.post-card time').first()).toHaveText('May 19, 2015');
    await page.reload();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Library');
    // The article keeps the language of its content.
    await page.goto(seedUrl());
    await expect(page.locator('article')).toHaveAttribute('lang', 'zh-CN');
  });
});

test.describe('accessibility (axe)', () => {
  test.setTimeout(60_000);

  async function expectNoViolations(page: Page, name: string) {
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((v) => `${name}: ${v.id} ${v.nodes[0]?.target}`)).toEqual([]);
  }

  for (const scheme of ['light', 'dark'] as const) {
    test(`library and post, ${scheme}, with screenshots`, async ({ page }, testInfo) => {
      await page.emulateMedia({ colorScheme: scheme });
      await page.setViewportSize(DESKTOP);
      await page.goto('./');
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expectNoViolations(page, 'library');
      await testInfo.attach(`library-${scheme}`, {
        body: await page.screenshot(),
        contentType: 'image/png',
      });
      await page.goto(seedUrl());
      await expect(page.locator('article .post-body h3').first()).toBeVisible();
      await expectNoViolations(page, 'post');
      await testInfo.attach(`post-${scheme}`, {
        body: await page.screenshot(),
        contentType: 'image/png',
      });
    });

    test(`phone TOC drawer open, ${scheme}`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: scheme });
      await page.setViewportSize(PHONE);
      await page.goto(seedUrl());
      await expect(page.locator('article .post-body h3').first()).toBeVisible();
      await page.getByRole('button', { name: /Sessions/ }).click();
      await expect(page.getByRole('dialog')).toBeVisible();
      await expectNoViolations(page, 'drawer');
    });

    test(`search with results open, ${scheme}`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto('./');
      const box = page.getByRole('combobox', { name: 'Search talks' });
      await box.click();
      await box.pressSequentially('Rally', { delay: 20 });
      await expect(page.getByRole('option').first()).toBeVisible();
      await box.press('ArrowDown');
      await expectNoViolations(page, 'search');
    });
  }
});
