import { expect, SEED_SLUG, SEED_TITLE, test, seedUrl } from './fixtures.ts';
import type { Page } from '@playwright/test';

/** The app's normal paths: library, a post, a theme change, the language switch. */
async function useTheApp(page: Page) {
  await page.goto('./');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.getByRole('link', { name: SEED_TITLE, exact: true }).click();
  await expect(page.locator('article .post-body h3').first()).toBeVisible();
  // Storage unreadable: the interface is in the site's language (the seed's: Chinese).
  await page.getByRole('button', { name: /^(Theme|主题):/ }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await page.getByRole('link', { name: 'Summit Reader' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^(Library|文章列表)$/ })).toBeVisible();
}

test('corrupted or foreign values in localStorage read as defaults', async ({ page }) => {
  await page.addInitScript(() => {
    localStorage.setItem('summit-reader:theme', '{not json');
    localStorage.setItem('summit-reader:ui-lang', '42');
    localStorage.setItem('summit-reader:positions', '[{"slug":1},"x",null,{"slug":"a"}]');
    localStorage.setItem('summit-reader:search-recent', '\u0000\uffff');
  });
  await useTheApp(page);
  await expect(page.getByRole('region', { name: /^(Continue reading|继续阅读)$/ })).toContainText(
    SEED_TITLE,
  );
});

test('storage that throws on access: the app works and remembers nothing', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', {
      get() {
        throw new DOMException('The user denied storage', 'SecurityError');
      },
    });
  });
  await useTheApp(page);
});

test('a full quota: writes fail quietly (a warning), reading goes on', async ({ page }) => {
  const warnings: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'warning') warnings.push(m.text());
  });
  await page.addInitScript(() => {
    Storage.prototype.setItem = () => {
      throw new DOMException('quota', 'QuotaExceededError');
    };
  });
  await useTheApp(page);
  expect(warnings.some((w) => w.includes('could not save'))).toBe(true);
});

test('another tab writing the same keys is followed, not fought', async ({ page, context }) => {
  await page.goto(seedUrl());
  await expect(page.locator('article h1')).toBeVisible();
  const other = await context.newPage();
  await other.goto('./');
  await other.getByRole('button', { name: /^Theme:/ }).click();
  await other.getByRole('button', { name: /^Theme:/ }).click();
  await expect(other.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  // A value another app wrote under our key is ignored there too.
  await other.evaluate(() => localStorage.setItem('summit-reader:theme', '"purple"'));
  await expect(page.locator('html')).not.toHaveAttribute('data-theme', /./);
  await other.close();
});
