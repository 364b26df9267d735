import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import sirv from 'sirv';
import { rangeReply } from '../scripts/bench/byteranges.mjs';
import { generatePosts, vocabulary } from '../scripts/bench/corpus.mjs';
import { SEED } from './seed.ts';
import { expect, test } from './fixtures.ts';
import { nginx, pythonHttpServer } from './real-hosts.ts';
import { buildSite } from './site.ts';

/**
 * A library large enough for a sharded search index (built with SUMMIT_SEARCH_SPLIT=shards:
 * a manifest, shards of the bigram tables and one text chunk per section), served by a static
 * server that can slow down or break the index's files, as a slow network or a half-deployed
 * site would.
 */

const TALKS = 300;
let root = '';
let dist = '';
let server: Server | undefined;
let base = '';
/** How the server treats an index file (its name, e.g. `s3.jsonz`): slow, missing or corrupt. */
let tamper: (
  file: string,
) => { delayMs?: number; status?: number; body?: string | Buffer } | undefined = () => undefined;

/**
 * How the server answers byte ranges: as sirv does (one range, read loosely), or as nginx does
 * (`multi`: several in one multipart/byteranges reply, scripts/bench/byteranges.mjs).
 */
let ranges: 'sirv' | 'multi' = 'sirv';

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(240_000);
  root = mkdtempSync(path.join(tmpdir(), 'summit-shards-'));
  const posts = path.join(root, 'posts');
  mkdirSync(posts);
  for (const p of generatePosts(vocabulary(SEED), TALKS))
    writeFileSync(path.join(posts, p.name), p.markdown);
  dist = path.join(root, 'dist');
  const before = process.env['SUMMIT_SEARCH_SPLIT'];
  process.env['SUMMIT_SEARCH_SPLIT'] = 'shards';
  try {
    buildSite(posts, dist);
  } finally {
    if (before === undefined) delete process.env['SUMMIT_SEARCH_SPLIT'];
    else process.env['SUMMIT_SEARCH_SPLIT'] = before;
  }
  const serve = sirv(dist, { dev: true });
  server = createServer((req, res) => {
    const m = /\/assets\/search-[0-9a-f]+\/([^/?]+)/.exec(req.url ?? '');
    const t = m ? tamper(m[1]!) : undefined;
    const go = () => {
      if (t?.status) {
        res.statusCode = t.status;
        return res.end('Not found');
      }
      if (t?.body !== undefined) {
        res.setHeader('Content-Type', 'application/json');
        return res.end(t.body);
      }
      const range = req.headers['range'];
      const file = path.join(dist, decodeURIComponent((req.url ?? '').split('?')[0]!));
      if (ranges === 'multi' && range && file.endsWith('.bin') && file.startsWith(dist)) {
        const reply = rangeReply(readFileSync(file), range, 'application/octet-stream');
        if (reply) {
          res.writeHead(reply.status, reply.headers);
          return res.end(reply.body);
        }
      }
      serve(req, res, () => {
        res.statusCode = 404;
        res.end('Not found');
      });
    };
    if (t?.delayMs) setTimeout(go, t.delayMs);
    else go();
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;
});

test.afterAll(() => {
  server?.close();
  rmSync(root, { recursive: true, force: true });
});

test.afterEach(() => {
  tamper = () => undefined;
  ranges = 'sirv';
});

/** The index's files the page and its search worker fetch (not the service worker's precache). */
function indexRequests(page: Page): string[] {
  const names: string[] = [];
  page.context().on('request', (r) => {
    if (r.serviceWorker()) return;
    const m = /\/assets\/search-[0-9a-f]+\/([^/]+)$/.exec(r.url());
    if (m) names.push(m[1]!);
  });
  return names;
}

const resultTitles = (page: Page) =>
  page.locator('.search-page .results > li .title').allTextContents();

/** Searches on the search route and waits for its answer. */
async function searchPage(page: Page, q: string): Promise<string[]> {
  await page.goto(`${base}search/?q=${encodeURIComponent(q)}`);
  await expect(page.locator('.search-page .summary')).toContainText(/results? for|No results/);
  return resultTitles(page);
}

const QUERIES = ['Ralley', '升级', 'vmware 集群', 'Jesse Keating', '云', 'superusr'];

test.describe('a sharded index', () => {
  test.use({ serviceWorkers: 'block' });

  test('the first search fetches the manifest, a few shards and its candidates’ texts', async ({
    page,
  }) => {
    const files = readdirSync(
      path.join(
        dist,
        'assets',
        readdirSync(path.join(dist, 'assets')).find((f) => f.startsWith('search-'))!,
      ),
    );
    const shards = files.filter((f) => /^s\d+\.jsonz$/.test(f));
    const chunks = files.filter((f) => /^c\d+\.json$/.test(f));
    expect(shards.length).toBeGreaterThanOrEqual(16);
    expect(chunks.length).toBeGreaterThan(TALKS);

    const names = indexRequests(page);
    const titles = await searchPage(page, 'Ralley');
    expect(titles.length).toBeGreaterThan(0);
    expect(titles[0]).toMatch(/rally/i);
    expect(names[0]).toBe('index.jsonz');
    const fetchedShards = names.filter((n) => /^s\d+\.jsonz$/.test(n));
    const fetchedChunks = names.filter((n) => /^c\d+\.json$/.test(n));
    // "ralley" has 5 bigrams: at most 5 shards; at most 64 candidates' texts.
    expect(fetchedShards.length).toBeGreaterThan(0);
    expect(fetchedShards.length).toBeLessThanOrEqual(5);
    expect(fetchedChunks.length).toBeGreaterThan(0);
    expect(fetchedChunks.length).toBeLessThanOrEqual(64);
    // And the probe of the host's byte ranges (sirv reads one range: the chunk files it is).
    expect(names.filter((n) => n === 'texts-at.bin')).toHaveLength(1);
    expect(names).not.toContain('texts.bin');
    expect(names).toHaveLength(2 + fetchedShards.length + fetchedChunks.length);
    expect(new Set(names).size).toBe(names.length);
  });

  test('a host that answers many byte ranges in one reply: the texts in one request, the same results', async ({
    page,
  }) => {
    const queries = QUERIES.slice(0, 3);
    const apart: string[][] = [];
    for (const q of queries) apart.push(await searchPage(page, q));
    ranges = 'multi';
    for (const [i, q] of queries.entries()) {
      const names = indexRequests(page);
      expect(await searchPage(page, q), q).toEqual(apart[i]);
      expect(apart[i]!.length, q).toBeGreaterThan(0);
      expect(
        names.filter((n) => n === 'texts-at.bin'),
        q,
      ).toHaveLength(1);
      expect(
        names.filter((n) => n === 'texts.bin'),
        q,
      ).toHaveLength(1);
      expect(
        names.filter((n) => /^c\d+\.json$/.test(n)),
        q,
      ).toEqual([]);
      page.context().removeAllListeners('request');
    }
  });

  test('real hosts: nginx sends the texts in one reply, Python’s http.server as files; the same results', async ({
    page,
  }) => {
    const queries = QUERIES.slice(0, 3);
    const here: string[][] = [];
    for (const q of queries) here.push(await searchPage(page, q));
    for (const [start, inOne] of [
      [nginx, true],
      [pythonHttpServer, false],
    ] as const) {
      const host = await start(dist);
      try {
        for (const [i, q] of queries.entries()) {
          const names = indexRequests(page);
          await page.goto(`${host.url}search/?q=${encodeURIComponent(q)}`);
          await expect(page.locator('.search-page .summary')).toContainText(`“${q}”`);
          expect(await resultTitles(page), `${start.name} ${q}`).toEqual(here[i]);
          expect(names.filter((n) => n === 'texts-at.bin')).toHaveLength(1);
          expect(names.filter((n) => n === 'texts.bin')).toHaveLength(inOne ? 1 : 0);
          const files = names.filter((n) => /^c\d+\.json$/.test(n)).length;
          if (inOne) expect(files).toBe(0);
          else expect(files).toBeGreaterThan(1);
          page.context().removeAllListeners('request');
        }
      } finally {
        host.close();
      }
    }
  });

  test('a query typed while its shards are still loading gives its own results', async ({
    page,
  }) => {
    const expected = await searchPage(page, 'vmware 集群');
    expect(expected.length).toBeGreaterThan(0);

    // A fresh page, with every shard slow to arrive.
    const slow = await page.context().newPage();
    tamper = (f) => (/^s\d+\.jsonz$/.test(f) ? { delayMs: 800 } : undefined);
    const names = indexRequests(slow);
    await slow.goto(base);
    const box = slow.getByRole('combobox', { name: 'Search talks' });
    await box.click();
    await box.pressSequentially('vmw', { delay: 20 });
    await expect.poll(() => names.some((n) => /^s\d+\.jsonz$/.test(n))).toBe(true);
    // While "vmw"'s shards load, the reader goes on typing.
    await box.pressSequentially('are 集群', { delay: 20 });
    const options = slow.getByRole('listbox', { name: 'Search results' }).getByRole('option');
    await expect(options.first()).toBeVisible({ timeout: 15_000 });
    await expect(box).toHaveAttribute('aria-busy', 'false');
    const titles = await options.locator('.title').allTextContents();
    expect(titles).toEqual(expected.slice(0, titles.length));
    expect(titles.length).toBe(Math.min(8, expected.length));
  });

  test('a missing shard: "search is unavailable for now", then Retry works', async ({ page }) => {
    tamper = (f) => (/^s\d+\.jsonz$/.test(f) ? { status: 404 } : undefined);
    await page.goto(base);
    const box = page.getByRole('combobox', { name: 'Search talks' });
    await box.click();
    await box.fill('Ralley');
    const alert = page.getByRole('alert').filter({ hasText: 'Search is unavailable for now' });
    await expect(alert).toBeVisible();
    await expect(page.getByRole('option')).toHaveCount(0);
    const retry = page.getByRole('button', { name: 'Try again' });
    await expect(retry).toBeVisible();

    tamper = () => undefined;
    await retry.click();
    await expect(page.getByRole('option').first()).toContainText(/rally/i);
    await expect(alert).toBeHidden();
  });

  test('a shard cut short (half its gzip), or not gzip at all: unavailable, then Retry works', async ({
    page,
  }) => {
    const folder = readdirSync(path.join(dist, 'assets')).find((f) => f.startsWith('search-'))!;
    for (const broken of [
      (f: string) => readFileSync(path.join(dist, 'assets', folder, f)).subarray(0, 60),
      () => Buffer.from([0x1f, 0x8b, 8, 0, 1, 2, 3, 4, 5, 6, 7]),
    ]) {
      tamper = (f) => (/^s\d+\.jsonz$/.test(f) ? { body: broken(f) } : undefined);
      await page.goto(`${base}search/?q=Ralley`);
      await expect(page.locator('.search-page .summary')).toContainText(
        'Search is unavailable for now',
      );
      await expect(page.locator('.search-page .results > li')).toHaveCount(0);
    }
    tamper = () => undefined;
    await page.getByRole('button', { name: 'Try again' }).click();
    await expect(page.locator('.search-page .results > li .title').first()).toHaveText(/rally/i);
  });

  test('a corrupt chunk, or one of another build: unavailable, never other results', async ({
    page,
  }) => {
    for (const body of [
      '{"b":',
      JSON.stringify({ b: 'another-build', c: 0, docs: [], posts: {} }),
    ]) {
      tamper = (f) => (/^c\d+\.json$/.test(f) ? { body } : undefined);
      await page.goto(`${base}search/?q=${encodeURIComponent('升级')}`);
      const summary = page.locator('.search-page .summary');
      await expect(summary).toContainText('Search is unavailable for now');
      await expect(page.locator('.search-page .results > li')).toHaveCount(0);
      await expect(page.getByRole('button', { name: 'Try again' })).toBeVisible();
    }
    tamper = () => undefined;
    await page.getByRole('button', { name: 'Try again' }).click();
    await expect(page.locator('.search-page .results > li').first()).toBeVisible();
  });
});

test('offline, once the service worker has fetched every shard and pack, results equal the online ones', async ({
  page,
  context,
}) => {
  test.setTimeout(120_000);
  const online: Record<string, string[]> = {};
  await page.goto(base);
  // The service worker precaches every file of the index in the background.
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  for (const q of QUERIES) online[q] = await searchPage(page, q);
  expect(Object.values(online).filter((t) => t.length > 0).length).toBeGreaterThanOrEqual(5);
  // The precache holds the texts as a few packs, not as one small file per section.
  const cached = await page.evaluate(async () => {
    const out: string[] = [];
    for (const name of await caches.keys())
      for (const req of await (await caches.open(name)).keys()) out.push(req.url);
    return out
      .filter((u) => /\/assets\/search-/.test(u))
      .map((u) => new URL(u).pathname.split('/').pop()!);
  });
  expect(cached.filter((n) => /^s\d+\.jsonz$/.test(n)).length).toBeGreaterThan(0);
  expect(cached.filter((n) => /^p\d+\.jsonz$/.test(n))).toEqual(['p0.jsonz']);
  expect(cached.filter((n) => /^c\d+\.json$/.test(n))).toEqual([]);

  await context.setOffline(true);
  await page.reload();
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
  const names = indexRequests(page);
  for (const q of QUERIES) expect(await searchPage(page, q), q).toEqual(online[q]);
  // The shards came from the precache, through the network layer the worker sees; the texts
  // from the pack, read from the cache (no chunk was asked for).
  expect(names.filter((n) => /^s\d+\.jsonz$/.test(n)).length).toBeGreaterThan(0);
  expect(names.filter((n) => /^c\d+\.json$/.test(n))).toEqual([]);
});
