import {
  appStarted,
  expect,
  inView,
  SEED_PATH,
  SEED_TALKS,
  SEED_TITLE,
  seedUrl,
  test,
  urlOf,
  SEED_SLUG,
} from './fixtures.ts';

test('library → seed post → TOC → talk link → reload → back', async ({ page }) => {
  await page.goto('./');
  await expect(page.getByRole('heading', { level: 1, name: 'Library' })).toBeVisible();
  await appStarted(page);
  const entry = page.getByRole('link', { name: SEED_TITLE, exact: true });
  await expect(entry).toHaveAttribute('href', new RegExp(`/${SEED_PATH}$`));
  // The app moves to the post without loading a page: what the window holds survives.
  await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
  await entry.click();

  await expect(page).toHaveURL(urlOf(SEED_PATH));
  const article = page.locator('article');
  await expect(article.locator('h1')).toHaveText(SEED_TITLE);

  const toc = page.getByRole('navigation', { name: 'Sessions' });
  await expect(toc).toBeVisible();
  const talks = toc.locator('li.talk > a');
  await expect(talks).toHaveText(SEED_TALKS);
  // Structural headings are in the TOC too, but set apart from talks.
  await expect(toc.locator('li.structure > a').first()).toHaveText('Topics');

  await toc.getByRole('link', { name: 'Superuser Award' }).click();
  await expect(page).toHaveURL(urlOf(SEED_PATH, 'superuser-award'));
  expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
  const heading = article.locator('h3#superuser-award');
  await expect.poll(() => inView(page, 'h3#superuser-award')).toBe(true);
  await expect(heading).toHaveText('Superuser Award');
  // The scroll-spy marks it as the current talk.
  await expect(toc.locator('a.active')).toHaveText('Superuser Award');

  await page.reload();
  await expect(article.locator('h1')).toHaveText(SEED_TITLE);
  await expect.poll(() => inView(page, 'h3#superuser-award')).toBe(true);
  await expect(toc.locator('a.active')).toHaveText('Superuser Award');

  await page.goBack();
  await expect(page).toHaveURL(urlOf(SEED_PATH));
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1, name: 'Library' })).toBeVisible();
  await page.goForward();
  await expect(article.locator('h1')).toHaveText(SEED_TITLE);
});

test('scroll-spy follows the scroll and keeps the active entry in the TOC', async ({ page }) => {
  await page.goto(seedUrl());
  const toc = page.getByRole('navigation', { name: 'Sessions' });
  await expect(toc.locator('li.talk > a')).toHaveCount(8);
  for (const id of [
    'using-rally-for-openstack-certification-at-scale',
    'openstack-update-from-ebay-and-paypal',
  ]) {
    await page.locator(`[id="${id}"]`).evaluate((el) => {
      window.scrollTo(0, el.getBoundingClientRect().top + scrollY - 80);
    });
    await expect(toc.locator('a.active')).toHaveAttribute('href', new RegExp(`#${id}$`));
    await expect(toc.locator('a[aria-current="location"]')).toHaveCount(1);
  }
  // The address bar does not change while scrolling.
  await expect(page).toHaveURL(urlOf(SEED_PATH));
});

test('the library shows each post with date, tags, talk count and talks', async ({ page }) => {
  await page.goto('./');
  const card = page.locator('.post-card').filter({ hasText: SEED_TITLE });
  await expect(card.locator('time')).toHaveAttribute('datetime', '2015-05-19');
  // The category first, then the tags; each links to its own filter route.
  await expect(card.locator('.tags li')).toHaveText(['OpenStack', 'Vancouver', 'summit', 'nova']);
  await expect(card.getByRole('link', { name: 'nova', exact: true })).toHaveAttribute(
    'href',
    /\/tags\/nova\/$/,
  );
  await expect(card).toContainText('8 talks');
  await expect(card.locator('.talk-list a')).toHaveText(SEED_TALKS);
});

test('the post renders the way Jekyll did', async ({ page }) => {
  await page.goto(seedUrl());
  const body = page.locator('article .post-body');
  await expect(body.locator('h2')).toHaveText(['Topics', 'See you later']);
  // Closed ATX headings lose their trailing hashes; `\>` shows as `>`.
  await expect(body.locator('h3').first()).toHaveText(SEED_TALKS[0]!);
  await expect(body.locator('li', { hasText: '12k Hypervisors' })).toHaveText('> 12k Hypervisors');
  // Liquid never shows as text.
  await expect(body).not.toContainText('{%');
  // Nested lists, blockquotes, titles and external links.
  await expect(body.locator('ol > li > ul > li').first()).toHaveText('yes，转2');
  await expect(body.locator('blockquote')).toContainText('背景是这样');
  const bug = body.getByRole('link', { name: 'bug', exact: true });
  await expect(bug).toHaveAttribute('title', 'https://bugs.launchpad.net/nova/+bug/1420662');
  await expect(bug).toHaveAttribute('target', '_blank');
  await expect(bug).toHaveAttribute('rel', 'noopener noreferrer');
  await expect(body.locator('code', { hasText: 'Supernatural Evening' })).toBeVisible();
  // The post header.
  const header = page.locator('article .post-header');
  await expect(header.locator('time')).toHaveAttribute('datetime', '2015-05-19');
  await expect(header).toContainText('min read');
});

test('unknown posts and sections show an in-app not-found page with a way home', async ({
  page,
}) => {
  for (const hash of ['#/posts/no-such-post', `#/posts/${SEED_SLUG}/no-such-talk`, '#/nowhere']) {
    await page.goto(`./${hash}`);
    await expect(page.getByRole('heading', { level: 1, name: 'Not found' })).toBeVisible();
    await page.getByRole('link', { name: 'Back to the library' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Library' })).toBeVisible();
  }
});
