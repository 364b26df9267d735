import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { markdownToHtml } from '../src/shared/markdown.test-helper.ts';
import {
  hostileCorpus,
  type HostilePost,
  JS,
  SEARCH_WORD,
  vectorCorpus,
  writeHostileCorpus,
} from './corpus/hostile.ts';
import { expect, test, watchCspViolations, type CspViolation } from './fixtures.ts';
import { corpusSite, type CorpusSite } from './site.ts';

/**
 * Hostile content: a corpus of XSS and abuse vectors is built into a site of its own, served
 * by the plain static server and read in real Chromium. No payload may run, nothing may
 * navigate away, front matter shows as text, and (tests/fixtures.ts) nothing the CSP would
 * have to block is ever in the page.
 */

declare global {
  interface Window {
    __pwned?: unknown;
  }
}

/**
 * kramdown's extras and math (tests/corpus/kramdown-vectors.json): attribute lists, footnotes,
 * abbreviations, definition lists, `{:toc}`, TeX for the math renderer and raw MathML, some
 * vectors a post, each under a heading of its own.
 */
function kramdownCorpus(): HostilePost[] {
  const { vectors } = JSON.parse(
    readFileSync(path.join(import.meta.dirname, 'corpus', 'kramdown-vectors.json'), 'utf8'),
  ) as { vectors: { family: string; markdown: string }[] };
  const out: HostilePost[] = [];
  const per = 8;
  for (let i = 0; i * per < vectors.length; i++) {
    const body = vectors
      .slice(i * per, (i + 1) * per)
      .map((v, j) => `## kramdown ${v.family} ${i * per + j} ${SEARCH_WORD}\n\n${v.markdown}\n`)
      .join('\n');
    const file = `2016-03-${String(i + 1).padStart(2, '0')}-kramdown-vectors-${i + 1}.md`;
    const title = `kramdown vectors ${i + 1}`;
    out.push({
      file,
      slug: file.replace(/\.md$/, ''),
      title,
      body: `---\ntitle: "${title}"\n---\n${body}`,
    });
  }
  return out;
}

const kramdownPosts = kramdownCorpus();
const corpus = [...hostileCorpus(), ...vectorCorpus(), ...kramdownPosts];
let site = '';

let fixture: CorpusSite | undefined;
let indexHtml = '';

test.describe.configure({ mode: 'default' });
// Each test is a fresh context: no service worker precaching the whole site every time.
test.use({ serviceWorkers: 'block' });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  fixture = await corpusSite('hostile', (dir) => {
    writeHostileCorpus(dir);
    for (const p of kramdownPosts) writeFileSync(path.join(dir, p.file), p.body);
  });
  indexHtml = readFileSync(path.join(fixture.root, 'site', 'hostile', 'index.html'), 'utf8');
  site = fixture.url;
});

test.afterAll(() => fixture?.close());

/** Watches a page for anything a payload could do: dialogs, popups, navigation. */
async function guard(page: Page) {
  const seen = { dialogs: [] as string[], popups: [] as string[], navigations: [] as string[] };
  await page.addInitScript(() => {
    window.__pwned = 0;
  });
  page.on('dialog', (d) => {
    seen.dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
  page.on('popup', (p) => seen.popups.push(p.url()));
  page.on('framenavigated', (f) => {
    const main = f === page.mainFrame();
    // The site's own pages are the test's (and the app's) to open: anything else is a
    // navigation away. (A payload moving between the site's pages is caught by `check`.)
    if (!main || !f.url().startsWith(site))
      seen.navigations.push(`${main ? '' : 'frame '}${f.url()}`);
  });
  return async function check() {
    const landed = page.url().split('#')[0];
    // Give late payloads (timers, refreshes, lazy images) a chance: scroll through the page,
    // wait for every image to settle, then for two frames and a task.
    await page.evaluate(async () => {
      for (let y = 0; y < document.documentElement.scrollHeight; y += innerHeight) {
        scrollTo(0, y);
        await new Promise(requestAnimationFrame);
      }
      // At most 15 s: an image whose host never answers (a remote address the sandbox's network
      // leaves hanging) settles neither way, and held one fresh-clone CI run past its timeout.
      await Promise.race([
        Promise.all(
          Array.from(document.images, (img) =>
            img.complete
              ? null
              : new Promise((done) => {
                  img.addEventListener('load', done, { once: true });
                  img.addEventListener('error', done, { once: true });
                }),
          ),
        ),
        new Promise((done) => setTimeout(done, 15_000)),
      ]);
      await new Promise(requestAnimationFrame);
      await new Promise((done) => setTimeout(done, 50));
    });
    expect(await page.evaluate(() => window.__pwned), 'no payload ran').toBe(0);
    expect(seen.dialogs, 'no dialog opened').toEqual([]);
    expect(seen.popups, 'no window opened').toEqual([]);
    expect(seen.navigations, 'nothing navigated away').toEqual([]);
    expect(page.frames(), 'no frames').toHaveLength(1);
    expect(page.url().split('#')[0], 'still on the page the test opened').toBe(landed);
  };
}

/** Everything in the page that should never come from a post. */
async function findHostileDom(page: Page, { bodyMarkup = false } = {}): Promise<string[]> {
  return page.evaluate((bodyMarkup) => {
    const bad: string[] = [];
    const FORBIDDEN = new Set([
      'iframe',
      'frame',
      'frameset',
      'object',
      'embed',
      'applet',
      'portal',
      'form',
      'base',
      'link',
      'style',
      'svg',
      // MathML is allowed (the math renderer writes it), but not these parts of it.
      'mglyph',
      'malignmark',
      'maction',
      'annotation',
      'annotation-xml',
      'semantics',
      'dialog',
      'template',
      'noscript',
      'textarea',
      'select',
      'button',
    ]);
    const APP_CLASSES = ['update-prompt', 'site-header', 'skip-link', 'toc-drawer'];
    // What posts put in the page: the post, its header, the library and search results.
    const CONTENT = '.post-body, .post-header, .library, .search-page ol.results';
    for (const el of document.querySelectorAll('*')) {
      const tag = el.localName;
      // The heading tools (copy link buttons) are the app's own.
      const inMain = !!el.closest(CONTENT) && !el.closest('.heading-tools');
      if (tag === 'script' && !(el as HTMLScriptElement).src) bad.push('inline <script>');
      if (tag === 'script' && !(el as HTMLScriptElement).src.startsWith(location.origin))
        bad.push(`<script src=${(el as HTMLScriptElement).src}>`);
      if (tag === 'meta' && el.getAttribute('http-equiv')?.toLowerCase() === 'refresh')
        bad.push('<meta refresh>');
      if (inMain && FORBIDDEN.has(tag)) bad.push(`<${tag}> in content`);
      if (inMain && tag === 'meta') bad.push('<meta> in content');
      // Front matter is text: <b> from a title or tag would be markup that got through. (The
      // vector posts' bodies hold plain <b> markup of their own.)
      if (inMain && tag === 'b' && !(bodyMarkup && el.closest('.post-body')))
        bad.push('<b> in content');
      for (const a of Array.from(el.attributes)) {
        const value = a.value.replace(/[\s\u0000-\u001f]+/g, '').toLowerCase();
        if (a.name.startsWith('on')) bad.push(`${tag}[${a.name}]`);
        // A page's head describes it in text (its title, its excerpt): only its URLs matter.
        const describes =
          tag === 'meta' &&
          a.name === 'content' &&
          !/(?:url|image)$/.test(el.getAttribute('property') ?? el.getAttribute('name') ?? 'url');
        // The build's own empty icon until the app starts (src/dom/head-links.ts), in the head.
        const placeholder =
          el.matches('head > link[data-summit-placeholder]') &&
          a.name === 'href' &&
          value === 'data:,';
        if (/^(?:javascript|vbscript|data|blob):/.test(value) && !describes && !placeholder)
          bad.push(`${tag}[${a.name}=${a.value.slice(0, 40)}]`);
        // Any candidate, however it is spaced (a URL may hold commas: the check is wider).
        if (
          a.name === 'srcset' &&
          /(?:^|[\s,])(?:javascript|vbscript|data|http|blob):/.test(a.value)
        )
          bad.push(`${tag}[srcset=${a.value.slice(0, 60)}]`);
        if (
          inMain &&
          ['for', 'form', 'list', 'popovertarget', 'commandfor', 'command', 'interestfor'].includes(
            a.name,
          )
        )
          bad.push(`${tag}[${a.name}] in content`);
        if (!inMain) continue;
        if (
          ['style', 'name', 'srcdoc', 'formaction', 'action', 'background', 'popover'].includes(
            a.name,
          )
        )
          bad.push(`${tag}[${a.name}] in content`);
        // kramdown's ids (footnotes, {:toc}, {: #id}) are kept as `user-content-…` only.
        if (
          a.name === 'id' &&
          el.closest('.post-body') &&
          !/^h[1-6]$/.test(tag) &&
          !a.value.startsWith('user-content-')
        )
          bad.push(`${tag}#${a.value} in the post`);
        if (a.name === 'class' && APP_CLASSES.some((c) => el.classList.contains(c)))
          bad.push(`${tag}.${a.value} borrows the app's classes`);
        if (
          a.name === 'target' &&
          (a.value !== '_blank' || !/noopener/.test(el.getAttribute('rel') ?? ''))
        )
          bad.push(`${tag}[target=${a.value}] without noopener`);
      }
      if (inMain && (tag === 'a' || tag === 'area') && el.hasAttribute('href')) {
        // A link in a post stays in the reader (one of its pages) or goes to another site:
        // never to another path of this origin, nor to the reader's own files.
        const url = new URL(el.getAttribute('href')!, document.baseURI);
        const root = new URL(
          document.querySelector('meta[name="summit:root"]')?.getAttribute('content') ?? './',
          location.href,
        ).pathname;
        if (
          url.origin === location.origin &&
          (!url.pathname.startsWith(root) ||
            /\/(?:assets|workbox-[^/]*\.js|sw\.js)/.test(url.pathname.slice(root.length)) ||
            !/(?:\/|\.html)$/.test(url.pathname))
        )
          bad.push(`${tag}[href=${el.getAttribute('href')}] leaves the reader`);
        if (url.origin !== location.origin && !/noopener/.test(el.getAttribute('rel') ?? ''))
          bad.push(`${tag}[href=${el.getAttribute('href')}] without noopener`);
      }
      if (inMain && (tag === 'output' || (tag === 'label' && el.hasAttribute('for'))))
        bad.push(`<${tag}> in content`);
      if (inMain && (tag === 'img' || tag === 'video' || tag === 'audio' || tag === 'source')) {
        const src = el.getAttribute('src');
        if (src !== null) {
          const url = new URL(src, document.baseURI);
          if (url.origin !== location.origin && url.protocol !== 'https:')
            bad.push(`${tag}[src=${src}]`);
        }
      }
    }
    // DOM clobbering: the app's globals and mount point are what they should be.
    if (typeof document.getElementById !== 'function')
      bad.push('document.getElementById clobbered');
    if (!(window.location instanceof Location)) bad.push('window.location clobbered');
    if (typeof (window as unknown as Record<string, unknown>)['app'] !== 'undefined')
      bad.push('window.app is defined');
    if (document.getElementById('summit:app')?.parentElement !== document.body)
      bad.push('#summit:app is not the mount point');
    if (document.getElementById('summit:main')?.localName !== 'main')
      bad.push('#summit:main is not <main>');
    return bad;
  }, bodyMarkup);
}

test('the corpus is live: without the sanitiser and the CSP its payloads run', async ({
  browser,
}) => {
  // A control for the sentinel: the same Markdown, rendered but not sanitised, in a page
  // with no CSP. If this ever stops firing, the other tests here prove nothing.
  const context = await browser.newContext();
  const page = await context.newPage();
  let dialogs = 0;
  page.on('dialog', (d) => {
    dialogs++;
    void d.dismiss();
  });
  const scripts = corpus.find((p) => p.file === '2015-01-01-scripts.md')!;
  await page.setContent(markdownToHtml(scripts.body).html);
  await expect.poll(() => page.evaluate(() => window.__pwned)).toBe(1);
  expect(dialogs).toBeGreaterThan(0);
  await context.close();
});

test('the CSP blocks an inline script and a data: image, and the listener reports both', async ({
  browser,
}) => {
  // A control for the CSP and for the violation listener every test runs with.
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const violations: CspViolation[] = [];
  await watchCspViolations(context, (v) => violations.push(v));
  const page = await context.newPage();
  await page.goto(site);
  await expect(page.locator('[id="summit:main"]')).toBeVisible();
  await page.evaluate((js) => {
    const script = document.createElement('script');
    script.textContent = js;
    document.body.append(script);
    const img = document.createElement('img');
    img.src =
      'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
    document.body.append(img);
  }, `window.__pwned = 'csp'`);
  await expect
    .poll(() => violations.map((v) => v.directive).sort())
    .toEqual(['img-src', 'script-src-elem']);
  expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
  await context.close();
});

for (const post of corpus) {
  test(`hostile post ${post.file}: nothing runs, nothing navigates, front matter is text`, async ({
    page,
    pageErrors,
  }) => {
    // The vector posts hold dozens of payloads and dead images each: slow on a busy machine.
    test.slow(post.file.startsWith('2016-'));
    const check = await guard(page);
    await page.goto(`${site}#/posts/${encodeURIComponent(post.slug)}`);
    const article = page.locator('article');
    // The title is the article's first <h1> (a post's own may follow).
    await expect(article.locator('h1').first()).toHaveText(post.title);
    await expect(article.locator('.post-body')).toContainText(SEARCH_WORD);
    await check();
    expect(await findHostileDom(page, { bodyMarkup: post.file.startsWith('2016-') })).toEqual([]);
    // The front matter is text: no element of the header came from it.
    await expect(article.locator('h1 *')).toHaveCount(0);
    const header = article.locator('header').first();
    await expect(header.locator('img, script, b, a[href^="javascript"], svg')).toHaveCount(0);
    // Images that cannot load (the corpus points at nothing) are the expected console errors.
    const expected = (e: string) => e.includes('Failed to load resource');
    pageErrors.splice(0, pageErrors.length, ...pageErrors.filter((e) => !expected(e)));
  });
}

test('the built pages, read with JavaScript off, hold no dangerous leftover', async ({
  browser,
}) => {
  test.slow();
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(site);
  const hrefs = await page
    .locator('.post-card-title a')
    .evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href));
  expect(hrefs).toHaveLength(corpus.length);
  for (const href of hrefs) {
    await page.goto(href);
    await expect(page.locator('article h1').first()).toBeVisible();
    expect(await findHostileDom(page, { bodyMarkup: true }), href).toEqual([]);
  }
  await context.close();
});

test('the front matter post shows every field as text', async ({ page }) => {
  const check = await guard(page);
  const fm = corpus.find((p) => p.file === '2015-01-08-front-matter.md')!;
  await page.goto(`${site}#/posts/${encodeURIComponent(fm.slug)}`);
  const header = page.locator('article header').first();
  await expect(header.locator('h1')).toHaveText(fm.title);
  await expect(header).toContainText(`<a href=javascript:${JS}>me</a>`);
  await expect(header).toContainText(`<img src=x onerror=${JS}>`);
  await expect(header).toContainText('<b>bold</b>');
  await expect(header).toContainText(`<script>${JS}</script>`);
  const lang = await page.locator('article').getAttribute('lang');
  expect(lang).toBe(`en" onmouseover="${JS}`);
  await check();
  expect(await findHostileDom(page)).toEqual([]);
});

test('the library shows hostile titles, tags and excerpts as text', async ({ page }) => {
  const check = await guard(page);
  await page.goto(site);
  for (const post of corpus) {
    await expect(page.getByRole('link', { name: post.title, exact: true })).toBeVisible();
  }
  await expect(page.locator('main')).toContainText('<b>x</b>');
  await check();
  expect(await findHostileDom(page)).toEqual([]);
  // The prerendered library in index.html escapes them too.
  expect(indexHtml).not.toContain('<b>x</b>');
  expect(indexHtml).not.toMatch(/<img src=x/i);
  expect(indexHtml).not.toMatch(/<svg onload/i);
});

test('search results and a hostile query stay text', async ({ page }) => {
  const check = await guard(page);
  await page.goto(`${site}#/search?q=${SEARCH_WORD}`);
  const results = page.locator('main ol.results > li');
  await expect(results.first()).toBeVisible();
  expect(await results.count()).toBeGreaterThanOrEqual(corpus.length);
  await check();
  expect(await findHostileDom(page)).toEqual([]);

  const query = `<img src=x onerror=${JS}><script>${JS}</script>`;
  await page.goto(`${site}#/search?${new URLSearchParams({ q: query }).toString()}`);
  await expect(page.locator('#search-page-field')).toHaveValue(query);
  await expect(page.locator('.search-page .summary')).toContainText(query);
  await check();
  expect(await findHostileDom(page)).toEqual([]);
});

test('tag and category pages show hostile values as text', async ({ page }) => {
  const check = await guard(page);
  const tag = `<img src=x onerror=${JS}>`;
  await page.goto(`${site}#/tags/${encodeURIComponent(tag)}`);
  await expect(page.locator('main h1')).toContainText(tag);
  await expect(page.locator('main .post-card-title a').first()).toBeVisible();
  await check();
  expect(await findHostileDom(page)).toEqual([]);
  await page.goto(`${site}#/categories/${encodeURIComponent(`<script>${JS}</script>`)}`);
  await expect(page.locator('main h1')).toContainText(`<script>${JS}</script>`);
  await check();
  expect(await findHostileDom(page)).toEqual([]);
});

test('the search box list and an opened result of the vector posts stay safe', async ({
  page,
  pageErrors,
}) => {
  const check = await guard(page);
  await page.goto(site);
  const box = page.getByRole('combobox', { name: 'Search talks' });
  await box.fill(`mxss-vectors ${SEARCH_WORD}`);
  const options = page.getByRole('listbox', { name: 'Search results' }).getByRole('option');
  await expect(options.first()).toBeVisible();
  await check();
  expect(await findHostileDom(page)).toEqual([]);
  await box.press('ArrowDown');
  await box.press('Enter');
  await expect(page.locator('article .post-body mark.search-hit').first()).toBeVisible();
  await check();
  expect(await findHostileDom(page, { bodyMarkup: true })).toEqual([]);
  // Images that cannot load (the vectors point at nothing) are the expected console errors.
  const expected = (e: string) => e.includes('Failed to load resource');
  pageErrors.splice(0, pageErrors.length, ...pageErrors.filter((e) => !expected(e)));
});
