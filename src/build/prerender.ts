import path from 'node:path';
import type { Plugin } from 'vite';
import { encodeCatalog } from '../shared/catalog-codec.ts';
import type { PostMeta } from '../shared/types.ts';
import { CATALOG_ID } from './virtual-ids.ts';

/**
 * Build-time prerendering of the library (issue 6, "Budgets"): the app's own components
 * (src/components/App.svelte on the library route) rendered by Svelte's server renderer into
 * index.html, so the first paint needs no script. src/main.ts empties the node and mounts the
 * app in the same task (no flash, no duplicate). Only the newest posts are prerendered, so
 * index.html does not grow with the library. On any other route (a deep link such as
 * `#/posts/…`) the prerendered library is hidden before first paint: a small blocking script
 * marks <html> (no inline script: the CSP forbids it) and src/prerender.css hides the node.
 */

/** How many posts (newest first) are prerendered: more than a first screen holds. */
export const PRERENDER_POSTS = 20;
/** The blocking script that marks routes other than the library, before first paint. */
export const ROUTE_SCRIPT = 'prerender-route.js';
export const ROUTE_SCRIPT_SOURCE = `// Summit Reader (src/build/prerender.ts): the prerendered library is for the library route
// only. On any other route, mark <html> before first paint; src/prerender.css hides it.
if (!/^#?\\/?$/.test(location.hash)) document.documentElement.setAttribute('data-summit-route', '');
`;
export const MARK_START = '<!--summit:prerender-->';
export const MARK_END = '<!--/summit:prerender-->';

/**
 * The browser globals the app's state modules touch when they load (router, theme, storage):
 * the library route, and inert stand-ins for everything else. Set only while rendering.
 */
function withBrowserStandIns<T>(run: () => Promise<T>): Promise<T> {
  const inert: unknown = new Proxy(function () {}, {
    get: (_t, key) => (key === Symbol.toPrimitive ? () => '' : key === 'then' ? undefined : inert),
    apply: () => inert,
    construct: () => inert as object,
    set: () => true,
  });
  const standIns: Record<string, unknown> = {
    location: { hash: '', href: 'http://localhost/', pathname: '/', search: '', origin: '' },
    document: inert,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
  };
  const g = globalThis as Record<string, unknown>;
  const added = Object.keys(standIns).filter((k) => !(k in g));
  for (const k of added) g[k] = standIns[k];
  return run().finally(() => {
    for (const k of added) delete g[k];
  });
}

/**
 * The server render made ready for the first paint: no hydration comments, no inline styles,
 * and buttons disabled. Links and the search field work before the app starts (the app reads
 * the route and carries over what was typed: src/app.ts); a button does nothing until then,
 * so it says so rather than swallowing the click.
 */
export function cleanMarkup(html: string): string {
  return (
    html
      .replace(/<!--[\s\S]*?-->/g, '')
      // The CSP has no 'unsafe-inline' for styles: leave inline styles to the client render.
      .replace(/\sstyle="[^"]*"/g, '')
      .replace(/<button\b/g, '<button disabled')
  );
}

/**
 * Renders App.svelte on the library route with the given posts, through a throwaway Vite
 * server in SSR mode (the project's own config and plugins, so the markup is the client's).
 */
export async function renderLibrary(
  root: string,
  configFile: string | undefined,
  posts: readonly PostMeta[],
): Promise<string> {
  const { createServer } = await import('vite');
  const catalog: Plugin = {
    name: 'summit-prerender-catalog',
    enforce: 'pre',
    resolveId: (id) => (id === CATALOG_ID ? `\0summit-prerender:${CATALOG_ID}` : undefined),
    load: (id) =>
      id === `\0summit-prerender:${CATALOG_ID}`
        ? `export const posts = ${JSON.stringify(encodeCatalog(posts))};\nexport const loaders = {};\n`
        : undefined,
  };
  const server = await createServer({
    root,
    configFile: configFile ?? false,
    logLevel: 'error',
    appType: 'custom',
    plugins: [catalog],
    server: { middlewareMode: true, watch: null, ws: false, hmr: false },
    optimizeDeps: { noDiscovery: true, include: [] },
  });
  try {
    return await withBrowserStandIns(async () => {
      const { render } = (await server.ssrLoadModule(
        'svelte/server',
      )) as typeof import('svelte/server');
      const app = await server.ssrLoadModule(path.join(root, 'src/components/App.svelte'));
      return cleanMarkup(render(app['default'], {}).body);
    });
  } finally {
    await server.close();
  }
}

/**
 * index.html with the prerendered library in `#summit:app` and the route script in <head>.
 * Leaves the page as it is when anything fails (prerendering is an optimisation).
 */
export async function prerenderIndexHtml(
  html: string,
  options: {
    root: string;
    configFile: string | undefined;
    posts: readonly PostMeta[];
    warn: (message: string) => void;
  },
): Promise<string> {
  const container = /<div id="summit:app"><\/div>/;
  if (!container.test(html)) {
    options.warn('[summit] prerender: no empty <div id="summit:app"> in index.html; skipped');
    return html;
  }
  let markup: string;
  try {
    markup = await renderLibrary(
      options.root,
      options.configFile,
      options.posts.slice(0, PRERENDER_POSTS),
    );
  } catch (e) {
    options.warn(`[summit] prerender: the library could not be rendered; skipped: ${String(e)}`);
    return html;
  }
  return html
    .replace(
      container,
      () => `<div id="summit:app" data-prerendered>${MARK_START}${markup}${MARK_END}</div>`,
    )
    .replace(
      /(\s*)<title>/,
      (m, space: string) => `${space}<script src="./${ROUTE_SCRIPT}"></script>${m}`,
    );
}
