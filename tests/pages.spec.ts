import {
  appStarted,
  holdApp,
  openBuilt,
  expect,
  inView,
  SEED_PATH,
  SEED_TALKS,
  SEED_TITLE,
  seedUrl,
  test,
  urlOf,
} from './fixtures.ts';

/**
 * Every view is a real page (issue 12): readable with no script, taken over by the app with
 * no visible change, then navigated with the History API.
 */

test.describe('with JavaScript off', () => {
  test.use({ javaScriptEnabled: false });
  // The built pages' interface is in the site's language (the seed's: Chinese).

  test('the library, a post with its TOC, a talk link and a tag page are all readable', async ({
    page,
  }) => {
    await page.goto('./');
    await expect(page.getByRole('heading', { level: 1, name: '文章列表' })).toBeVisible();
    await page.getByRole('link', { name: SEED_TITLE, exact: true }).click();

    await expect(page).toHaveURL(urlOf(SEED_PATH));
    const article = page.locator('article');
    await expect(article.locator('h1')).toHaveText(SEED_TITLE);
    await expect(article.locator('.post-body h3').first()).toHaveText(SEED_TALKS[0]!);
    await expect(article.locator('.post-body')).toContainText('背景是这样');
    const toc = page.getByRole('navigation', { name: '议题目录' });
    await expect(toc.locator('li.talk > a')).toHaveText(SEED_TALKS);

    // A talk of the page it is in: its bare fragment (no copy of the page's path).
    await expect(toc.getByRole('link', { name: 'Superuser Award' })).toHaveAttribute(
      'href',
      '#superuser-award',
    );
    await toc.getByRole('link', { name: 'Superuser Award' }).click();
    await expect(page).toHaveURL(urlOf(SEED_PATH, 'superuser-award'));
    await expect.poll(() => inView(page, 'h3#superuser-award')).toBe(true);

    // A talk link opened directly.
    await page.goto(seedUrl('openstack-update-from-ebay-and-paypal'));
    await expect
      .poll(() => inView(page, '[id="openstack-update-from-ebay-and-paypal"]'))
      .toBe(true);

    await page.locator('article .post-header').getByRole('link', { name: 'nova' }).click();
    await expect(page).toHaveURL(/\/tags\/nova\/$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('标签“nova”下的文章');
    await expect(page.getByRole('link', { name: SEED_TITLE, exact: true })).toBeVisible();
    // A tag's page lists its posts, not their talks (each post's page has them).
    await expect(page.locator('main .post-card')).toHaveCount(1);
    await expect(page.locator('main .talk-list')).toHaveCount(0);
  });

  test('the search page says that search needs JavaScript', async ({ page }) => {
    await page.goto('./search/');
    await expect(page.getByRole('heading', { level: 1, name: '搜索' })).toBeVisible();
    await expect(page.getByText('搜索需要 JavaScript')).toBeVisible();
  });
});

test('links in the old hash form land on the right page and talk', async ({ page }) => {
  await page.goto('./#/posts/2015-05-19-Vancouver-Summit-2015-Second-Day/superuser-award');
  await expect(page).toHaveURL(urlOf(SEED_PATH, 'superuser-award'));
  await expect(page.locator('article h1')).toHaveText(SEED_TITLE);
  await expect.poll(() => inView(page, 'h3#superuser-award')).toBe(true);

  await page.goto('./#/tags/nova');
  await expect(page).toHaveURL(/\/tags\/nova\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Posts tagged “nova”');

  await page.goto('./#/search?q=rally');
  await expect(page).toHaveURL(/\/search\/\?q=rally$/);
  await expect(page.locator('#search-page-field')).toHaveValue('rally');
});

test.describe('a reader who has not chosen a language: the site’s', () => {
  test.use({ uiLang: null });

  test('the app takes over a page with no visible change: scroll, focus and layout kept', async ({
    page,
  }) => {
    await page.addInitScript(() => {
      const w = window as unknown as { shifts: number };
      w.shifts = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries() as (PerformanceEntry & { value: number })[])
          w.shifts += e.value;
      }).observe({ type: 'layout-shift', buffered: true });
    });
    const release = await holdApp(page);
    await openBuilt(page, seedUrl('superuser-award'));
    await expect.poll(() => inView(page, 'h3#superuser-award')).toBe(true);
    // The reader scrolls a little and focuses a TOC entry before the app is there.
    await page.evaluate(() => window.scrollBy(0, 123));
    const toc = page.getByRole('navigation', { name: '议题目录' });
    await toc.getByRole('link', { name: 'Superuser Award' }).focus();
    const before = await page.evaluate(() => ({
      y: scrollY,
      text: document.querySelector('article')!.innerText,
    }));
    await expect(page.locator('[id="summit:app"][data-prerendered]')).toHaveCount(1);

    release();
    await expect(page.locator('[id="summit:app"][data-prerendered]')).toHaveCount(0);
    // The app is running: its heading tools are there.
    await expect(page.locator('h3#superuser-award .heading-copy')).toHaveCount(1);
    const after = await page.evaluate(() => ({
      y: scrollY,
      focused: document.activeElement?.textContent,
      shifts: (window as unknown as { shifts: number }).shifts,
    }));
    expect(after.y).toBe(before.y);
    expect(after.focused).toBe('Superuser Award');
    expect(after.shifts).toBe(0);
    // The same text: nothing was lost or added in the body.
    expect(
      (await page.locator('.post-body').innerText()).replace(/\s+/g, ' ').length,
    ).toBeGreaterThan(1000);
    expect(before.text).toContain(SEED_TALKS[0]!);
  });

  test('the built pages speak the site’s language, and the app starts in it, whatever the browser’s', async ({
    page,
  }) => {
    // (The browser says English; the seed's site is Chinese.)
    const release = await holdApp(page);
    await openBuilt(page, seedUrl());
    await expect(page.getByRole('navigation', { name: '议题目录' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    /** The interface's own text: header, dates and counts, TOC, prev/next, what it is named. */
    const chrome = () =>
      page.evaluate(() =>
        [
          ...document.querySelectorAll<HTMLElement>(
            '.skip-link, .site-header, .post-header .meta, .toc-title, .prev-next, .toc-drawer-bar',
          ),
          ...document.querySelectorAll<HTMLElement>(
            ':is([aria-label], [placeholder]):not(.heading-tools *)',
          ),
        ].map(
          (e) => `${e.innerText}|${e.getAttribute('aria-label')}|${e.getAttribute('placeholder')}`,
        ),
      );
    const before = await chrome();
    expect(before.join('\n')).toContain('议题目录');
    release();
    await appStarted(page);
    await expect(page.locator('h3#superuser-award .heading-copy')).toHaveCount(1);
    expect(await chrome()).toEqual(before);

    // A reader who chooses English keeps it: the app starts in it on every page.
    await page.getByRole('button', { name: /English/ }).click();
    await expect(page.getByRole('navigation', { name: 'Sessions' })).toBeVisible();
    await page.goto('./');
    await expect(page.getByRole('heading', { level: 1, name: 'Library' })).toBeVisible();
  });
});

test('the app moves between pages without a reload; back and forward keep each scroll', async ({
  page,
}) => {
  await page.goto('./');
  await appStarted(page);
  await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
  const tag = page.locator('.post-card').first().getByRole('link', { name: 'nova', exact: true });
  await tag.click();
  await expect(page).toHaveURL(/\/tags\/nova\/$/);
  await page.getByRole('link', { name: SEED_TITLE, exact: true }).click();
  await expect(page).toHaveURL(urlOf(SEED_PATH));
  await expect(page.locator('article .post-body h3').first()).toHaveText(SEED_TALKS[0]!);
  const y = await page.evaluate(() => {
    window.scrollTo(0, 900);
    return scrollY;
  });
  await page.goBack();
  await expect(page).toHaveURL(/\/tags\/nova\/$/);
  await page.goForward();
  await expect(page).toHaveURL(urlOf(SEED_PATH));
  await expect.poll(() => page.evaluate((y) => Math.abs(scrollY - y), y)).toBeLessThanOrEqual(1);
  expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);

  // Reload lands on the same page, where the reader was.
  await page.reload();
  await expect(page.locator('article h1')).toHaveText(SEED_TITLE);
  await expect.poll(() => page.evaluate((y) => Math.abs(scrollY - y), y)).toBeLessThanOrEqual(1);
});

test('every address the reader links to is a real file', async ({ page, request }) => {
  const seen = new Set<string>();
  for (const url of ['./', seedUrl(), './tags/nova/', './search/?q=nova']) {
    await page.goto(url);
    await expect(page.locator('[id="summit:app"][data-prerendered]')).toHaveCount(0);
    await expect(page.locator('main h1')).toBeVisible();
    const hrefs = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLAnchorElement>('a[href]')]
        .map((a) => new URL(a.href))
        .filter((u) => u.origin === location.origin)
        .map((u) => u.origin + u.pathname),
    );
    for (const h of hrefs) seen.add(h);
  }
  expect(seen.size).toBeGreaterThan(5);
  for (const href of seen) {
    const response = await request.get(href);
    expect(response.status(), href).toBe(200);
    expect(await response.text(), href).toContain('<meta name="summit:root"');
  }
});

test('each page has its own head: title, language, description, canonical, Open Graph', async ({
  request,
}) => {
  const post = await (await request.get(seedUrl())).text();
  const canonical = `http://kiwik.github.io/${SEED_PATH}`;
  expect(post).toContain(`<title>${SEED_TITLE} | Summit Reader</title>`);
  expect(post).toMatch(/<html lang="zh-CN"/);
  for (const tag of [
    `<meta name="description" content="如需转载，请标明原文出处以及作者" />`,
    `<link rel="canonical" href="${canonical}" />`,
    `<meta property="og:url" content="${canonical}" />`,
    `<meta property="og:title" content="${SEED_TITLE}" />`,
    `<meta property="og:type" content="article" />`,
    `<meta property="article:published_time" content="2015-05-19T00:00:00+00:00" />`,
    `<meta property="article:tag" content="nova" />`,
    `<meta name="twitter:card" content="summary" />`,
  ])
    expect(post).toContain(tag);
  // One title and one description: the template's are replaced, not added to.
  expect(post.match(/<title>/g)).toHaveLength(1);
  expect(post.match(/name="description"/g)).toHaveLength(1);
  const tag = await (await request.get('./tags/nova/')).text();
  expect(tag).toContain('<title>nova | Summit Reader</title>');
  expect(tag).toContain('<link rel="canonical" href="http://kiwik.github.io/tags/nova/" />');
});

test('the site has an Atom feed, a sitemap and robots.txt, where Jekyll’s plugins put them', async ({
  page,
  request,
}) => {
  const feed = await request.get('./feed.xml');
  expect(feed.status()).toBe(200);
  const xml = await feed.text();
  // Well-formed, with the seed as an entry linking to its page.
  await page.goto('./');
  const entry = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'application/xml');
    if (doc.querySelector('parsererror')) return 'parse error';
    const e = doc.querySelector('entry');
    return [e?.querySelector('title')?.textContent, e?.querySelector('link')?.getAttribute('href')];
  }, xml);
  expect(entry).toEqual([SEED_TITLE, `http://kiwik.github.io/${SEED_PATH}`]);
  expect(await page.locator('link[rel="alternate"][type="application/atom+xml"]').count()).toBe(1);
  const map = await (await request.get('./sitemap.xml')).text();
  expect(map).toContain(`<loc>http://kiwik.github.io/${SEED_PATH}</loc>`);
  expect(await (await request.get('./robots.txt')).text()).toBe(
    'Sitemap: http://kiwik.github.io/sitemap.xml\n',
  );
});
