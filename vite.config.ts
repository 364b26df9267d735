/// <reference types="vitest/config" />
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { cspDevPlugin } from './src/build/csp-plugin.ts';
import { postsPlugin } from './src/build/posts-plugin.ts';
import { imagesPlugin } from './src/build/images-plugin.ts';
import { loadSiteConfig, sitePlugin } from './src/build/site-plugin.ts';

const site = loadSiteConfig();

export default defineConfig({
  // Relative URLs everywhere: dist/ works from any host at any sub-path.
  base: './',
  plugins: [
    svelte(),
    cspDevPlugin(),
    postsPlugin({ site }),
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
        // The app shell, the catalog, every post chunk and every file of the search index
        // (manifest, shards, the texts as packs: fetched in the background at install): all offline.
        // (manifest.webmanifest is added by the plugin itself; globbing it too breaks the install.)
        globPatterns: ['**/*.{js,css,html,json,jsonz,svg,png,ico,jpg,jpeg,gif,webp,avif,xml}'],
        // A query's text chunks come from the network; offline, the packs hold the same texts.
        // The feed and the sitemap are for feed readers and crawlers, not pages to read offline.
        globIgnores: ['**/search-*/c[0-9]*.json', 'feed.xml', 'sitemap.xml'],
        maximumFileSizeToCacheInBytes: 32 * 1024 * 1024,
        cleanupOutdatedCaches: true,
        // Every page is a real, precached file (src/build/prerender.ts); another address gets
        // the not-found page, as from the host.
        navigateFallback: '404.html',
        // `?hl=` (a search result's terms) and `?q=` (a search) are read by the app, not files.
        ignoreURLParametersMatching: [/^utm_/, /^fbclid$/, /^hl$/, /^q$/],
        runtimeCaching: [
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
