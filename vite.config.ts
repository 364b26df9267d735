/// <reference types="vitest/config" />
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { cspDevPlugin } from './src/build/csp-plugin.ts';
import { postsPlugin } from './src/build/posts-plugin.ts';
import { SHELL_ROOT } from './src/build/prerender.ts';
import { imagesPlugin } from './src/build/images-plugin.ts';
import { loadSiteConfig, sitePlugin } from './src/build/site-plugin.ts';

const site = loadSiteConfig();

/** The app shell and the entry script of this build: the posts plugin fills them in. */
const offline = { shell: '', entry: '' };

/** How long a page may take from the network before the shell is served instead. */
const NAVIGATION_TIMEOUT_MS = 4000;

/**
 * The service worker's handler for page navigations (workbox-build writes a function handler
 * into sw.js as its source: it must stand alone). The pages are not precached: a page comes
 * from the network, and if the network fails (offline) or is slower than the timeout, the
 * precached app shell, with the worker's scope as its root, renders the address from the
 * catalog and the body files (src/app.ts). A page of another build (deployed while this
 * worker still runs, before the reader accepts the reload) is not shown either: this build's
 * shell renders it, so old and new never mix: the page's head, where it names its entry script,
 * is read before anything is shown, and the rest streams in. (Its source is made when the
 * worker is written, after the bundle: the shell's name is known then.)
 */
const navigationHandler = Object.assign(async () => new Response(), {
  toString: () => `async ({ request }) => {
  const shellFile = ${JSON.stringify(offline.shell)};
  const entry = ${JSON.stringify(offline.entry)};
  const scope = self.registration.scope;
  const shell = async () => {
    const cached = await caches.match(new URL(shellFile, scope).href);
    if (!cached) return undefined;
    const html = (await cached.text()).split(${JSON.stringify(SHELL_ROOT)}).join(new URL(scope).pathname);
    return new Response(html, { headers: { 'Content-Type': 'text/html; charset=utf-8' } });
  };
  let response;
  try {
    response = await Promise.race([
      fetch(request),
      new Promise((_, reject) => setTimeout(() => reject(new Error('timed out')), ${NAVIGATION_TIMEOUT_MS})),
    ]);
  } catch (error) {
    const fallback = await shell();
    if (fallback) return fallback;
    throw error;
  }
  if (!entry || response.type !== 'basic' || !(response.headers.get('Content-Type') || '').includes('text/html'))
    return response;
  // The page names its build's entry script in its head: read up to there, then let the rest
  // stream in as it comes (a long post's first screen shows before its end has arrived).
  if (!response.body) return response;
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  const read = [];
  let head = '';
  while (!head.includes(entry) && !head.includes('</head>') && head.length < 262144) {
    const { done, value } = await reader.read();
    if (done) break;
    read.push(value);
    head += decoder.decode(value, { stream: true });
  }
  if (!head.includes(entry)) {
    const fallback = await shell();
    if (fallback) {
      reader.cancel().catch(() => {});
      return fallback;
    }
  }
  const body = new ReadableStream({
    start(controller) {
      for (const chunk of read) controller.enqueue(chunk);
    },
    async pull(controller) {
      try {
        const { done, value } = await reader.read();
        if (done) controller.close();
        else controller.enqueue(value);
      } catch (error) {
        controller.error(error);
      }
    },
    cancel: (reason) => reader.cancel(reason),
  });
  const headers = new Headers(response.headers);
  headers.delete('Content-Encoding');
  headers.delete('Content-Length');
  return new Response(body, { status: response.status, statusText: response.statusText, headers });
}`,
});

export default defineConfig({
  // Relative URLs everywhere: dist/ works from any host at any sub-path.
  base: './',
  plugins: [
    svelte(),
    cspDevPlugin(),
    postsPlugin({ site, offline }),
    imagesPlugin(site),
    sitePlugin(site),
    VitePWA({
      // The app asks before it reloads into a new version (src/state/pwa.svelte.ts).
      registerType: 'prompt',
      injectRegister: false,
      // Icons are generated at build time from public/favicon.svg (@vite-pwa/assets-generator).
      pwaAssets: {
        image: 'public/favicon.svg',
        preset: 'minimal-2023',
        overrideManifestIcons: true,
        injectThemeColor: false,
      },
      manifest: {
        name: site.title,
        short_name: site.title.length <= 12 ? site.title : 'Summit',
        description: site.description,
        lang: site.lang,
        id: './',
        start_url: './',
        scope: './',
        display: 'standalone',
        theme_color: '#0b5cad',
        background_color: '#fdfcfa',
      },
      workbox: {
        // The app (JS, CSS, icons), the catalog, the site's images, every file of the search
        // index (manifest, shards, the texts as packs: fetched in the background at install),
        // the app shell and each post's body file (assets/posts/*.htmlz, gzip): all offline.
        // The pages stay on the host (navigationHandler). (manifest.webmanifest is added by the
        // plugin itself; globbing it too breaks the install.)
        globPatterns: [
          '**/*.{js,css,json,jsonz,svg,png,ico,jpg,jpeg,gif,webp,avif}',
          'assets/**/*.{html,htmlz}',
        ],
        // No XML: the feeds (feed.xml, and any per-category or per-tag feed under feed/) and
        // the sitemap are for feed readers and crawlers, not pages to read offline.
        // A query's text chunks come from the network; offline, the packs hold the same texts.
        globIgnores: ['**/search-*/c[0-9]*.json'],
        maximumFileSizeToCacheInBytes: 32 * 1024 * 1024,
        cleanupOutdatedCaches: true,
        // Pages come from the network, or offline the app shell (navigationHandler), not one
        // fallback for every navigation.
        navigateFallback: null,
        ignoreURLParametersMatching: [/^utm_/, /^fbclid$/],
        runtimeCaching: [
          {
            urlPattern: ({ request }) => request.mode === 'navigate',
            handler: navigationHandler,
          },
          {
            // Remote images in posts: kept for offline reading when the browser lets us.
            urlPattern: ({ request, sameOrigin }) => request.destination === 'image' && !sameOrigin,
            handler: 'CacheFirst',
            options: {
              cacheName: 'post-images',
              cacheableResponse: { statuses: [0, 200] },
              expiration: {
                maxEntries: 300,
                maxAgeSeconds: 60 * 60 * 24 * 90,
                purgeOnQuotaError: true,
              },
            },
          },
        ],
      },
    }),
  ],
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    assetsInlineLimit: 0,
    // One style sheet, linked from index.html: the prerendered library is styled at first
    // paint, before the app's chunk (src/app.ts, loaded after that paint) arrives.
    cssCodeSplit: false,
  },
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
  },
});
