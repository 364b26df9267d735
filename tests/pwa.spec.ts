import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { launchOptions } from './browser.ts';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import sirv from 'sirv';
import {
  expect,
  SEED_SLUG,
  SEED_TITLE,
  test,
  seedUrl,
  SEED_PATH,
  waitForControl,
} from './fixtures.ts';
import { buildSite as buildInto, serveFolder } from './site.ts';

test('Chromium reports no installability errors and the manifest is complete', async ({
  baseURL,
}) => {
  const profile = mkdtempSync(path.join(tmpdir(), 'summit-profile-'));
  const context = await chromium.launchPersistentContext(profile, launchOptions);
  try {
    const page = await context.newPage();
    await page.goto(baseURL!);
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    expect(installabilityErrors).toEqual([]);

    const manifest = await page.evaluate(async () => {
      const href = document.querySelector<HTMLLinkElement>('link[rel="manifest"]')!.href;
      return (await fetch(href)).json();
    });
    expect(manifest).toMatchObject({
      name: 'Summit Reader',
      short_name: expect.any(String),
      description: expect.any(String),
      lang: expect.any(String),
      start_url: './',
      scope: './',
      id: './',
      display: 'standalone',
      theme_color: expect.stringMatching(/^#/),
      background_color: expect.stringMatching(/^#/),
    });
    const icons = manifest.icons as { src: string; sizes: string; purpose?: string }[];
    expect(icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
    expect(icons.some((i) => i.purpose === 'maskable')).toBe(true);
    for (const icon of icons) {
      const status = await page.evaluate(async (src) => (await fetch(src)).status, icon.src);
      expect(status, icon.src).toBe(200);
    }
    await expect(page.locator('link[rel="apple-touch-icon"]')).toHaveCount(1);
    // The service worker's scope is the folder dist/ was deployed to.
    const scope = await page.evaluate(
      async () => (await navigator.serviceWorker.getRegistration())?.scope,
    );
    expect(scope).toBe(baseURL);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
});

test('after one visit the library, every post, deep links and icons work offline', async ({
  page,
  context,
}) => {
  await page.goto('./');
  await waitForControl(page);

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Library' })).toBeVisible();

  // A post never opened before, then one of its talks.
  await page.locator('.post-card-title a').first().click();
  const toc = page.getByRole('navigation', { name: 'Sessions' });
  await toc
    .getByRole('link', { name: 'Using Rally for OpenStack certification at Scale!' })
    .click();
  await expect(
    page.locator('h3#using-rally-for-openstack-certification-at-scale'),
  ).toBeInViewport();

  // A deep link typed into the address bar.
  await page.goto(seedUrl('superuser-award'));
  await expect(page.locator('h3#superuser-award')).toBeInViewport();
  // Every page is in the precache: a tag page, a search result's link (its `?hl=` is not
  // part of the file), the search page and an unknown address (the not-found page).
  await page.goto('./tags/nova/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Posts tagged “nova”');
  await page.goto(`./${SEED_PATH}?hl=award#superuser-award`);
  await expect(page.locator('article mark.search-hit').first()).toBeVisible();
  await page.goto('./search/?q=rally');
  await expect(page.locator('#search-page-field')).toHaveValue('rally');

  const icon = await page.evaluate(
    async () =>
      (
        await fetch(
          new URL(
            'pwa-192x192.png',
            new URL(
              document.querySelector('meta[name="summit:root"]')!.getAttribute('content')!,
              location.href,
            ),
          ),
        )
      ).status,
  );
  expect(icon).toBe(200);

  // Search: this page loaded offline, so the index and the worker come from the precache.
  const box = page.getByRole('combobox', { name: 'Search talks' });
  await box.click();
  await box.pressSequentially('superusr', { delay: 30 });
  const option = page.getByRole('listbox', { name: 'Search results' }).getByRole('option').first();
  await expect(option).toContainText('Superuser Award');
  await option.click();
  // (the matched terms ride along in the route: ?hl=…)
  await expect(page).toHaveURL(new RegExp(`/${SEED_PATH}(\\?hl=[^#]*)?#superuser-award$`));
  await expect(page.locator('h3#superuser-award')).toBeInViewport();
  await expect(page.locator('article mark.search-hit').first()).toBeVisible();
});

test('the precache holds the app, the shell and each post’s body file (gzip), not the pages', async ({
  request,
}) => {
  const sw = await (await request.get('sw.js')).text();
  const urls = [...sw.matchAll(/url:"([^"]+)"/g)].map((m) => decodeURIComponent(m[1]!));
  const html = urls.filter((u) => u.endsWith('.html'));
  // One shell, and one body file a post: no page (the library, a post, a tag, search, 404).
  expect(html).toEqual([expect.stringMatching(/^assets\/shell-[^/]+\.html$/)]);
  const bodies = urls.filter((u) => /^assets\/posts\/[0-9a-f]+\.htmlz$/.test(u));
  expect(bodies.length).toBeGreaterThan(0);
  expect(urls.filter((u) => u.startsWith('assets/posts/'))).toEqual(bodies);
  expect(urls.some((u) => /(^|\/)catalog-[^/]+\.json$/.test(u))).toBe(true);
  // No feed or sitemap: they are for feed readers and crawlers.
  expect(urls.filter((u) => u.endsWith('.xml'))).toEqual([]);
  // A body file is stored gzip, and holds the body alone (its parts), not a page.
  const stored = await (await request.get(bodies[0]!)).body();
  expect([...stored.subarray(0, 2)]).toEqual([0x1f, 0x8b]);
  const body = gunzipSync(stored).toString('utf8');
  expect(body).toContain('<meta name="summit:parts"');
  expect(body).toMatch(/<!--\/summit-parts:[0-9a-f]+-->$/);
  expect(body).not.toContain('<script');
});

test('the app reads normally when service workers are unavailable', async ({ browser }) => {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(test.info().project.use.baseURL!);
  await page.locator('.post-card-title a').first().click();
  await expect(page.locator('article h1')).toBeVisible();
  await context.close();

  // Registration that throws (a disabled or broken service worker) is logged, not fatal.
  const broken = await browser.newContext();
  await broken.addInitScript(() => {
    Object.defineProperty(navigator.serviceWorker, 'register', {
      value: () => Promise.reject(new DOMException('disabled by test', 'SecurityError')),
    });
  });
  const page2 = await broken.newPage();
  page2.on('pageerror', (e) => errors.push(e.message));
  const warnings: string[] = [];
  page2.on('console', (m) => {
    if (m.type() === 'warning') warnings.push(m.text());
  });
  await page2.goto(test.info().project.use.baseURL!);
  await page2.locator('.post-card-title a').first().click();
  await expect(page2.locator('article h1')).toBeVisible();
  await expect.poll(() => warnings.join('\n')).toContain('without offline support');
  await broken.close();
  expect(errors).toEqual([]);
});

test('a page the service worker fetches streams in: its start shows while its end is still on its way', async ({
  page,
}) => {
  const dist = process.env['E2E_DIST'] ?? 'dist';
  const files = sirv(dist, { dev: true, etag: false });
  const file = path.join(dist, SEED_PATH, 'index.html');
  const html = readFileSync(file);
  // The host sends the page up to its first talk, then holds the rest until told.
  const cut = html.indexOf('id="superuser-award"');
  expect(cut).toBeGreaterThan(0);
  let hold = false;
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  const server = createServer((req, res) => {
    const at = decodeURIComponent(new URL(req.url!, 'http://x').pathname);
    if (hold && at === `/${SEED_PATH}`) {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.write(html.subarray(0, cut));
      void held.then(() => res.end(html.subarray(cut)));
      return;
    }
    files(req, res, () => {
      res.statusCode = 404;
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  try {
    await page.goto(base);
    await waitForControl(page);
    hold = true;
    const opened = page.goto(`${base}${SEED_PATH}`, { waitUntil: 'commit' });
    // The post's title and its text before the first talk are there while the rest is held.
    await expect(page.locator('article h1')).toHaveText(SEED_TITLE, { timeout: 10_000 });
    expect(await page.evaluate(() => document.readyState)).toBe('loading');
    await expect(page.locator('h3#superuser-award')).toHaveCount(0);
    release();
    await opened;
    await expect(page.locator('h3#superuser-award')).toBeVisible();
    await expect(page.locator('[id="summit:app"][data-prerendered]')).toHaveCount(0);
    const response = await page.reload();
    expect(response?.fromServiceWorker()).toBe(true);
    expect(await page.locator('article h1').textContent()).toBe(SEED_TITLE);
  } finally {
    release();
    server.close();
  }
});

test.describe('a second deployment, built from other posts', () => {
  // One build and one server for the group: its tests run in order, in one worker.
  test.describe.configure({ mode: 'serial' });
  test.setTimeout(120_000);
  let root: string;
  let server: Awaited<ReturnType<typeof serveFolder>> | undefined;
  let buildLogA = '';
  let port = 0;
  const seedFile = `posts/${SEED_SLUG}.md`;

  test.beforeAll(async () => {
    // Two production builds: more than the default hook timeout on a busy 2-core machine.
    test.setTimeout(240_000);
    root = mkdtempSync(path.join(tmpdir(), 'summit-update-'));
    const postsA = path.join(root, 'posts-a');
    const postsB = path.join(root, 'posts-b');
    mkdirSync(postsA);
    mkdirSync(postsB);
    // The bundled library's settings, as a Jekyll site's _config.yml beside the posts folders
    // (a folder without one gets neutral defaults): links to the original addresses need `url`.
    writeFileSync(path.join(root, '_config.yml'), readFileSync('site.config.yml'));
    const seed = readFileSync(seedFile, 'utf8');
    writeFileSync(path.join(postsA, path.basename(seedFile)), seed);
    // A remote image that cannot load (nothing listens on port 9). https: the CSP's img-src.
    writeFileSync(
      path.join(postsA, '2015-05-20-Images.md'),
      '---\ntitle: Photos\n---\n## Keynote\n\n![The keynote stage](https://127.0.0.1:9/stage.jpg)\n\nText after the image.\n',
    );
    writeFileSync(
      path.join(postsA, '2015-05-19-Anchors.md'),
      '[Jump to the keynote](#Keynote)\n\n## Intro\n\n' +
        'Filler.\n\n'.repeat(200) +
        '## Keynote\n\nThe end.\n',
    );
    // Links between posts: the seed links to this post's original address.
    writeFileSync(
      path.join(postsA, '2015-04-04-Nova如何支持live-upgrade.md'),
      '---\ncategory: OpenStack\n---\n## Live upgrade\n\n' +
        '[Back to day two]({% post_url 2015-05-19-Vancouver-Summit-2015-Second-Day %}) · ' +
        '[the file](2015-05-19-Vancouver-Summit-2015-Second-Day.md) · ' +
        '[not bundled](http://kiwik.github.io/openstack/2015/01/01/missing/)\n',
    );
    // Broken posts: the build goes on, warns with file and line, and the reader shows them.
    writeFileSync(
      path.join(postsA, '2015-05-21-Broken-Yaml.md'),
      '---\ntitle: a: b\ntags: a\n---\n## Still readable\n\nBody text survives.\n',
    );
    writeFileSync(path.join(postsA, '2015-05-22-Empty.md'), '');
    writeFileSync(path.join(postsA, '2015-05-23-No-Headings.md'), 'Just a paragraph.\n');
    writeFileSync(
      path.join(postsB, path.basename(seedFile)),
      seed.replace('今年的超级用户奖给了Comcast', 'UPDATED-IN-BUILD-B 今年的超级用户奖给了Comcast'),
    );
    buildLogA = buildInto(postsA, path.join(root, 'build-a'));
    buildInto(postsB, path.join(root, 'build-b'));
    // site/app/ gets build B deployed over it by the update test; site/a/ keeps build A.
    cpSync(path.join(root, 'build-a'), path.join(root, 'site', 'app'), { recursive: true });
    cpSync(path.join(root, 'build-a'), path.join(root, 'site', 'a'), { recursive: true });
    server = await serveFolder(path.join(root, 'site'));
    port = server.port;
  });

  test.afterAll(() => {
    server?.close();
    rmSync(root, { recursive: true, force: true });
  });

  test('a new deploy shows a reload prompt that keeps the reader’s place', async ({ page }) => {
    const url = `http://127.0.0.1:${port}/app/`;
    await expect.poll(async () => (await fetch(url).catch(() => null))?.status).toBe(200);
    await page.goto(`${url}${SEED_PATH}`);
    await waitForControl(page);
    await expect(page.locator('article')).not.toContainText('UPDATED-IN-BUILD-B');

    // Deploy build B over build A, as a CDN upload would.
    const app = path.join(root, 'site', 'app');
    rmSync(app, { recursive: true });
    cpSync(path.join(root, 'build-b'), app, { recursive: true });
    await page.evaluate(async () => {
      await (await navigator.serviceWorker.getRegistration())?.update();
    });
    const prompt = page.getByRole('status').filter({ hasText: 'New version available' });
    await expect(prompt).toBeVisible();

    // Until the reader accepts, the old build keeps serving all of its own files, although
    // they are gone from the server: even a plain reload shows build A, whole.
    await page.reload();
    await expect(page.locator('article .post-body')).toContainText('Comcast');
    await expect(page.locator('article')).not.toContainText('UPDATED-IN-BUILD-B');
    await expect(prompt).toBeVisible();

    // Read on to a talk (the address bar does not change while scrolling), then reload.
    await page.locator('h3#using-rally-for-openstack-certification-at-scale').evaluate((el) => {
      window.scrollTo(0, el.getBoundingClientRect().top + scrollY - 80);
    });
    await expect(page.locator('aside nav a.active')).toHaveAttribute(
      'href',
      /#using-rally-for-openstack-certification-at-scale$/,
    );
    await prompt.getByRole('button', { name: 'Reload' }).click();

    // (generous timeouts: the new worker activates, then the page reloads, on a busy CI machine)
    await expect(page).toHaveURL(/using-rally-for-openstack-certification-at-scale$/);
    await expect(page.locator('article')).toContainText('UPDATED-IN-BUILD-B', { timeout: 20_000 });
    await expect(
      page.locator('h3#using-rally-for-openstack-certification-at-scale'),
    ).toBeInViewport();
    await expect(prompt).toBeHidden();
  });

  test('at a sub-path, offline: pages never opened, a talk link, a category, search and an old hash link', async ({
    page,
    context,
  }) => {
    const base = `http://127.0.0.1:${port}/a/`;
    await page.goto(base);
    await waitForControl(page);
    // Online, a page comes from the host, prerendered (through the service worker).
    const online = await page.goto(`${base}categories/openstack/`);
    expect(online?.fromServiceWorker()).toBe(true);
    expect(await online?.text()).toContain('data-prerendered');
    await page.goto(base);
    const chinese = await page
      .locator('.post-card-title a', { hasText: 'live' })
      .first()
      .getAttribute('href');
    expect(chinese).toBeTruthy();

    // Offline, every page is the app shell, rendered by the app at that address.
    await context.setOffline(true);
    const bodyFiles: { url: string; fromWorker: boolean; gzip: boolean }[] = [];
    page.on('response', async (r) => {
      if (!/\/a\/assets\/posts\/[0-9a-f]+\.htmlz$/.test(r.url())) return;
      const bytes = await r.body();
      bodyFiles.push({
        url: r.url(),
        fromWorker: r.fromServiceWorker(),
        gzip: bytes[0] === 0x1f && bytes[1] === 0x8b,
      });
    });
    // A post never opened (a Chinese-named path), by its address: its body from its body
    // file, stored gzip in the precache.
    await page.goto(new URL(chinese!, base).href);
    await expect(page.locator('article h2#live-upgrade')).toHaveText('Live upgrade');
    await expect.poll(() => bodyFiles.length).toBeGreaterThan(0);
    expect(bodyFiles[0]).toMatchObject({ fromWorker: true, gzip: true });
    // A talk link into another post never opened.
    await page.goto(`${base}${SEED_PATH}#superuser-award`);
    await expect(page.locator('h3#superuser-award')).toBeInViewport();
    await expect(page.locator('article h1')).toBeVisible();
    // A category page, never opened.
    await page.goto(`${base}categories/openstack/`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Posts in “OpenStack”');
    await expect(page.locator('main a[href]', { hasText: 'live' }).first()).toBeVisible();
    // Search.
    await page.goto(`${base}search/?q=rally`);
    await expect(page.locator('#search-page-field')).toHaveValue('rally');
    // An old hash link lands on its post and talk.
    await page.goto(`${base}#/posts/${SEED_SLUG}/superuser-award`);
    await expect(page).toHaveURL(new RegExp(`/a/${SEED_PATH}#superuser-award$`));
    await expect(page.locator('h3#superuser-award')).toBeInViewport();
    // The app's own links work from the shell: back to the library.
    await page.locator('a.brand').click();
    await expect(page).toHaveURL(base);
    await expect(page.getByRole('heading', { level: 1, name: 'Library' })).toBeVisible();
    await context.setOffline(false);
  });

  test('broken posts: one warning each with file and line, still listed and readable', async ({
    page,
  }) => {
    const warnings = buildLogA.split('\n').filter((l) => l.includes('[summit]'));
    expect(warnings).toEqual([
      // The seed's `{% include JB/setup %}`: this folder has no _includes beside it.
      expect.stringMatching(/2015-05-19-Vancouver-Summit-2015-Second-Day\.md:7: include JB\/setup/),
      expect.stringMatching(/2015-05-21-Broken-Yaml\.md:2: front matter is not valid YAML/),
      expect.stringMatching(/2015-05-22-Empty\.md:1: the file is empty/),
      expect.stringMatching(/2015-05-23-No-Headings\.md:1: .*no headings/),
    ]);
    await page.goto(`http://127.0.0.1:${port}/a/`);
    for (const title of ['Broken Yaml', 'Empty', 'No Headings']) {
      await expect(page.getByRole('link', { name: title, exact: true })).toBeVisible();
    }
    await page.getByRole('link', { name: 'Broken Yaml', exact: true }).click();
    await expect(page.locator('article h1')).toHaveText('Broken Yaml');
    await expect(page.getByRole('note')).toContainText('line 2');
    await expect(page.locator('article .post-body')).toContainText('Body text survives.');
  });

  test('in-post anchor links reach their heading whatever the case', async ({ page }) => {
    await page.goto(`http://127.0.0.1:${port}/a/2015/05/19/Anchors/`);
    const link = page.getByRole('link', { name: 'Jump to the keynote' });
    // A real fragment on the post's own page.
    await expect(link).toHaveAttribute('href', '#keynote');
    await link.click();
    await expect(page).toHaveURL(/\/2015\/05\/19\/Anchors\/#keynote$/);
    await expect(page.locator('h2#keynote')).toBeInViewport();
  });

  test('links to other bundled posts open inside the reader; others stay external', async ({
    page,
  }) => {
    const nova = '2015-04-04-Nova如何支持live-upgrade';
    await page.goto(
      `http://127.0.0.1:${port}/a/${SEED_PATH}#hold-my-beer-and-watch-this-upgrading-from-havana-to-juno-in-one-fell-swoop-with-live-customers`,
    );
    const original = page.getByRole('link', { name: '“Nova如何支持live Upgrade”' });
    // Relative to the post's own page, so it works at any sub-path.
    await expect(original).toHaveAttribute(
      'href',
      `../../../../../openstack/2015/04/04/${encodeURIComponent(nova.slice(11))}/`,
    );
    await expect(original).not.toHaveAttribute('target', /./);
    await original.click();
    await expect(page.locator('article h1')).toHaveText('Nova如何支持live Upgrade');

    const day2 = `../../../../../${SEED_PATH}`;
    await expect(page.getByRole('link', { name: 'Back to day two' })).toHaveAttribute('href', day2);
    await expect(page.getByRole('link', { name: 'the file' })).toHaveAttribute('href', day2);
    const external = page.getByRole('link', { name: 'not bundled' });
    await expect(external).toHaveAttribute('href', /^http:\/\/kiwik\.github\.io\//);
    await expect(external).toHaveAttribute('target', '_blank');
    await page.getByRole('link', { name: 'the file' }).click();
    await expect(page.locator('article h1')).toHaveText('Vancouver Summit 2015 Second Day');
  });

  test('previous and next posts in date order', async ({ page }) => {
    await page.goto(`http://127.0.0.1:${port}/a/2015/05/21/Broken-Yaml/`);
    const nav = page.getByRole('navigation', { name: 'Previous post / Next post' });
    await expect(nav.locator('a[rel="prev"]')).toHaveAttribute('href', '/a/2015/05/20/Images/');
    await expect(nav.locator('a[rel="next"]')).toHaveAttribute('href', '/a/2015/05/22/Empty/');
    await nav.locator('a[rel="next"]').click();
    await expect(page.locator('article h1')).toHaveText('Empty');
    // The newest post has no next one.
    await page.goto(`http://127.0.0.1:${port}/a/2015/05/23/No-Headings/`);
    await expect(nav.locator('a[rel="prev"]')).toHaveAttribute('href', '/a/2015/05/22/Empty/');
    await expect(nav.locator('a[rel="next"]')).toHaveCount(0);
  });

  test('online at a sub-path, the app moves to another post by its gzip body file; one a host inflated reads too; one cut short shows the error', async ({
    page,
  }) => {
    const base = `http://127.0.0.1:${port}/a/`;
    // What the page fetched (not the worker's precaching, which fetches every body file).
    const bodyFiles: Promise<boolean>[] = [];
    page.on('response', (r) => {
      if (!/\/a\/assets\/posts\/[0-9a-f]+\.htmlz$/.test(r.url())) return;
      if (r.request().serviceWorker()) return;
      bodyFiles.push(r.body().then((bytes) => bytes[0] === 0x1f && bytes[1] === 0x8b));
    });
    // Moving from a post's own page (its body in the page) to another post by a link in it,
    // in the app (no page load): a Chinese-named post, read from its body file.
    await page.goto(`${base}${SEED_PATH}`);
    await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
    const before = bodyFiles.length;
    await page.getByRole('link', { name: '“Nova如何支持live Upgrade”' }).click();
    await expect(page).toHaveURL(
      `${base}openstack/2015/04/04/${encodeURIComponent('Nova如何支持live-upgrade')}/`,
    );
    await expect(page.locator('article h2#live-upgrade')).toHaveText('Live upgrade');
    expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(
      true,
    );
    expect(bodyFiles.length).toBe(before + 1);
    expect(await Promise.all(bodyFiles)).toEqual(bodyFiles.map(() => true));

    // A host that inflates the file on the way (as if it sent `Content-Encoding: gzip`).
    let inflated = 0;
    await page.route('**/assets/posts/*.htmlz', async (route) => {
      const stored = await (await route.fetch()).body();
      inflated++;
      await route.fulfill({ status: 200, contentType: 'text/html', body: gunzipSync(stored) });
    });
    // (The same document: its first visit is not under the worker's control, so these fetches
    // reach the host, through the route, not the precache.)
    expect(await page.evaluate(() => navigator.serviceWorker.controller)).toBeNull();
    await page.locator('a.brand').click();
    await page.getByRole('link', { name: 'No Headings', exact: true }).click();
    await expect(page).toHaveURL(`${base}2015/05/23/No-Headings/`);
    await expect(page.locator('article .post-body')).toContainText('Just a paragraph.');
    expect(inflated).toBe(1);

    // A file cut short (a broken upload): the post's error, with a way to reload; never a blank app.
    await page.unroute('**/assets/posts/*.htmlz');
    await page.route('**/assets/posts/*.htmlz', async (route) => {
      const stored = await (await route.fetch()).body();
      await route.fulfill({ status: 200, body: stored.subarray(0, stored.length >> 1) });
    });
    await page.locator('a.brand').click();
    await page.getByRole('link', { name: 'Anchors', exact: true }).click();
    await expect(page.locator('article h1')).toHaveText('Anchors');
    await expect(page.getByRole('alert')).toContainText('Reload');
    await expect(page.locator('article .post-body')).toHaveCount(0);
    await expect(page.locator('a.brand')).toBeVisible();
    expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(
      true,
    );
  });

  test('a remote image that cannot load becomes a placeholder with its alt text', async ({
    page,
    pageErrors,
  }) => {
    await page.goto(`http://127.0.0.1:${port}/a/2015/05/20/Images/`);
    const placeholder = page.getByRole('img', { name: 'The keynote stage' });
    await expect(placeholder).toHaveClass('image-placeholder');
    await expect(placeholder).toHaveText(/The keynote stage/);
    await expect(page.locator('article .post-body img')).toHaveCount(0);
    await expect(page.locator('article .post-body')).toContainText('Text after the image.');
    // The failed load itself is the expected console error here.
    const expected = (e: string) => e.includes('Failed to load resource');
    pageErrors.splice(0, pageErrors.length, ...pageErrors.filter((e) => !expected(e)));
  });
});
