#!/usr/bin/env node
// Long-post benchmark (issue 6, "Broken posts": never a frozen tab). Builds a site of extreme
// posts, a 5 MB post, a post with 5,000 headings, and hostile ones (a line of 200,000
// unclosed `<`, which took 27 s to build while tags were stripped with /<[^>]*>/g, 2,000
// nested `*`, which overflowed marked's stack, and 100,000 nested <div> and 10,000 nested
// <details open>, which froze the browser's sanitiser for 30 s and 5.5 s), serves it with the plain static server, opens
// each post in Chromium and reports, median of BENCH_RUNS (3):
//   - when the first part of the body shows and when the whole body is shown;
//   - the longest main-thread task and the total time of tasks over 50 ms (the page cannot
//     answer input during them).
//   npm run bench:long-posts            (about 1–2 minutes on 2 cores)
// Writes bench-results/long-posts.json. Posts and the build go to a temporary folder.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { median, runNode, startServer } from './bench/tools.mjs';
import { launchOptions } from './chromium.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = Math.max(1, Number(process.env['BENCH_RUNS'] ?? 3));
const OUT = path.join(root, 'bench-results', 'long-posts.json');
const log = (/** @type {string} */ s) => process.stderr.write(`${s}\n`);

/**
 * About `bytes` of talks, each a heading and a few paragraphs with a list and some code.
 * @param {number} bytes
 */
function hugePost(bytes) {
  const talk = (/** @type {number} */ i) =>
    `## Talk ${i}: scaling the control plane\n\n` +
    `${'Operators described how they run **thousands of hypervisors** with a few cells, and why the message queue is the first thing to fail. '.repeat(6)}\n\n` +
    `- cells and shards\n- [the slides](https://example.org/talk/${i})\n- 升级 与 容器\n\n` +
    '```\nnova-manage cell_v2 list_cells\n```\n\n';
  const parts = [];
  let size = 0;
  for (let i = 1; size < bytes; i++) {
    const t = talk(i);
    parts.push(t);
    size += Buffer.byteLength(t);
  }
  return `---\ntitle: Five Megabytes\n---\n${parts.join('')}`;
}

const manyHeadings = `---\ntitle: Five Thousand Headings\n---\n${Array.from(
  { length: 5000 },
  (_, i) => `### Heading ${i + 1}\n\nA short note about heading ${i + 1}.\n`,
).join('\n')}`;

const POSTS = [
  { file: '2016-01-09-Huge.md', what: '5 MB post', source: hugePost(5 * 1024 * 1024) },
  { file: '2016-01-10-Many-Headings.md', what: '5,000 headings', source: manyHeadings },
  {
    file: '2016-01-16-Unclosed-Lt.md',
    what: '200,000 unclosed <',
    source: `## Unclosed\n\n<div>\n${'<'.repeat(200_000)}\n\nAfter the brackets.\n`,
    hostile: true,
  },
  {
    file: '2016-01-17-Deep-Emphasis.md',
    what: '2,000 nested *',
    source: `## Deep emphasis\n\n${'*'.repeat(2000)}deep${'*'.repeat(2000)}\n`,
    hostile: true,
  },
  {
    // 100,000 nested <div> took 30 s inside the browser's sanitiser; now capped at build time.
    file: '2016-01-18-Deep-Divs.md',
    what: '100,000 nested <div>',
    source: `## Deep divs\n\n${'<div>'.repeat(100_000)}deep${'</div>'.repeat(100_000)}\n\nAfter.\n`,
    hostile: true,
  },
  {
    file: '2016-01-19-Deep-Details.md',
    what: '10,000 nested <details open>',
    source: `## Deep details\n\n${'<details open>'.repeat(10_000)}deep${'</details>'.repeat(10_000)}\n\nAfter.\n`,
    hostile: true,
  },
];
const SHORT = { file: '2016-01-01-Short.md', source: '## A talk\n\nA short note.\n' };

/**
 * Wall time of `vite build` of a site of these posts alone.
 * @param {{ file: string, source: string }[]} posts @param {string} name
 */
async function buildTime(posts, name) {
  const dir = path.join(work, `posts-${name}`);
  mkdirSync(dir);
  for (const p of posts) writeFileSync(path.join(dir, p.file), p.source);
  const started = performance.now();
  await runNode(
    [
      path.join(root, 'node_modules/vite/bin/vite.js'),
      'build',
      '--outDir',
      path.join(work, `dist-${name}`),
    ],
    { env: { ...process.env, POSTS_DIR: dir }, quiet: true },
  );
  return performance.now() - started;
}

const work = mkdtempSync(path.join(tmpdir(), 'summit-long-'));
/** @type {{ url: string, stop: () => void } | undefined} */
let server;
const browser = await chromium.launch(launchOptions);
try {
  const postsDir = path.join(work, 'posts');
  mkdirSync(postsDir);
  for (const p of POSTS) writeFileSync(path.join(postsDir, p.file), p.source);
  log('building…');
  const dist = path.join(work, 'dist');
  await runNode([path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--outDir', dist], {
    env: { ...process.env, POSTS_DIR: postsDir },
    quiet: true,
  });
  server = await startServer(dist);

  /** @type {Record<string, number[]>} */
  const builds = { short: [] };
  for (const p of POSTS) if (p.hostile) builds[p.what] = [];
  for (let i = 0; i < RUNS; i++) {
    log(`build times, run ${i + 1} of ${RUNS}…`);
    builds['short']?.push(await buildTime([SHORT], `short-${i}`));
    for (const [k, p] of POSTS.entries())
      if (p.hostile) builds[p.what]?.push(await buildTime([p], `${k}-${i}`));
  }
  const buildMs = (/** @type {string} */ what) =>
    builds[what] ? Math.round(median(builds[what])) : undefined;

  const results = [];
  // Each post opened two ways: its own page by its address (the built page, then the app
  // taking it over), and from the library inside the app (its page fetched, its parts cut
  // out and inserted one per task).
  for (const [post, mode] of POSTS.flatMap(
    (p) =>
      /** @type {const} */ ([
        [p, 'page'],
        [p, 'app'],
      ]),
  )) {
    const slug = post.file.replace(/\.md$/, '');
    // The folder has no site config: Jekyll's `date` permalink style places the page.
    const [, y, m, d, rest] = /** @type {RegExpExecArray} */ (
      /^(\d{4})-(\d{2})-(\d{2})-(.*)$/.exec(slug)
    );
    const pageUrl = `${server.url}${y}/${m}/${d}/${encodeURIComponent(rest ?? '')}.html`;
    /** @type {{ firstPartMs: number, doneMs: number, longestTaskMs: number, blockedMs: number }[]} */
    const runs = [];
    for (let i = 0; i < RUNS; i++) {
      log(`${post.what} (${mode}), run ${i + 1} of ${RUNS}…`);
      const context = await browser.newContext({
        serviceWorkers: 'block',
        viewport: { width: 1280, height: 900 },
      });
      const page = await context.newPage();
      await page.addInitScript(() => {
        const w = /** @type {any} */ (window);
        w.__tasks = [];
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) w.__tasks.push(e.duration);
        }).observe({ type: 'longtask' });
        new MutationObserver((_, observer) => {
          if (document.querySelector('.post-body > *')) {
            w.__firstPart = performance.now();
            observer.disconnect();
          }
        }).observe(document, { childList: true, subtree: true });
      });
      if (mode === 'page') await page.goto(pageUrl);
      else {
        await page.goto(server.url);
        await page
          .locator('[id="summit:app"]:not([data-prerendered])')
          .waitFor({ state: 'attached' });
        await page.evaluate(() => {
          const w = /** @type {any} */ (window);
          w.__tasks = [];
          w.__start = performance.now();
          w.__firstPart = undefined;
          new MutationObserver((_, observer) => {
            if (document.querySelector('.post-body > *')) {
              w.__firstPart = performance.now();
              observer.disconnect();
            }
          }).observe(document, { childList: true, subtree: true });
        });
        await page
          .locator(`a[href$="/${encodeURIComponent(rest ?? '')}.html"]`)
          .first()
          .click();
      }
      // The heading tools are added once the whole body is shown.
      await page
        .locator('.post-body .heading-tools')
        .first()
        .waitFor({ state: 'attached', timeout: 120_000 });
      const doneMs = await page.evaluate(() => {
        const w = /** @type {any} */ (window);
        return performance.now() - (w.__start ?? 0);
      });
      await page.waitForTimeout(500);
      const m = await page.evaluate(() => {
        const w = /** @type {any} */ (window);
        return {
          firstPartMs: w.__firstPart - (w.__start ?? 0),
          tasks: /** @type {number[]} */ (w.__tasks),
        };
      });
      runs.push({
        firstPartMs: m.firstPartMs,
        doneMs,
        longestTaskMs: Math.max(0, ...m.tasks),
        blockedMs: m.tasks.reduce((n, d) => n + d, 0),
      });
      await context.close();
    }
    const pick = (/** @type {keyof (typeof runs)[number]} */ k) =>
      Math.round(median(runs.map((r) => r[k])));
    results.push({
      post: `${post.what}, ${mode === 'page' ? 'its page opened' : 'opened in the app'}`,
      bytes: Buffer.byteLength(post.source),
      firstPartMs: pick('firstPartMs'),
      doneMs: pick('doneMs'),
      longestTaskMs: pick('longestTaskMs'),
      blockedMs: pick('blockedMs'),
      buildMs: buildMs(post.what),
      runs,
    });
  }

  const lines = [
    `| Post (median of ${RUNS}) | first part shown | whole body shown | longest task | time in tasks > 50 ms | build of the post alone |`,
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...results.map(
      (r) =>
        `| ${r.post} | ${r.firstPartMs} ms | ${r.doneMs} ms | ${r.longestTaskMs} ms | ${r.blockedMs} ms | ${r.buildMs === undefined ? '' : `${(r.buildMs / 1000).toFixed(1)} s`} |`,
    ),
    `| (a short post, for comparison) | | | | | ${((buildMs('short') ?? 0) / 1000).toFixed(1)} s |`,
  ];
  console.log(`\n${lines.join('\n')}\n`);
  mkdirSync(path.dirname(OUT), { recursive: true });
  writeFileSync(
    OUT,
    `${JSON.stringify(
      {
        date: new Date().toISOString(),
        machine: {
          cpus: cpus().length,
          cpu: cpus()[0]?.model ?? '',
          loadAverage: loadavg().map((x) => Number(x.toFixed(2))),
        },
        runs: RUNS,
        results,
        shortPostBuildMs: buildMs('short'),
        buildRunsMs: builds,
      },
      null,
      2,
    )}\n`,
  );
  log(`JSON: ${path.relative(root, OUT)}`);
} finally {
  await browser.close();
  server?.stop();
  rmSync(work, { recursive: true, force: true });
}
