import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { Plugin } from 'vite';
import { encodeCatalog } from '../shared/catalog-codec.ts';
import { partClose, partOpen, partsMeta } from '../shared/page-parts.ts';
import type { Route } from '../shared/routes.ts';
import type { SiteConfig } from '../shared/jekyll/site.ts';
import type { PostMeta } from '../shared/types.ts';
import { deferHeadLinks, PLACEHOLDER_ICON } from '../dom/head-links.ts';
import { rootWrapper } from '../dom/roots.ts';
import { WAITING_ATTR } from '../dom/waiting.ts';
import { pageHead } from './page-head.ts';
import { siteIndexHtml } from './site-plugin.ts';
import { CATALOG_ID } from './virtual-ids.ts';

/**
 * Build-time pages (issue 12): every route the reader has is a real HTML file, rendered by
 * Svelte's server renderer from the app's own components (its two roots: src/components/SiteHeader.svelte and App.svelte), so it
 * reads with no script and the app takes it over without a visible change (src/app.ts). Each
 * page is the built index.html with its own head, links relative to its folder, and its view
 * in `#summit:app`. A post's page holds its sanitised body; the app, moving to a post, reads
 * its body file instead (`assets/posts/<hash>.htmlz`, gzip, src/shared/page-parts.ts), which the
 * service worker precaches in place of the pages (vite.config.ts).
 *
 * The old hash routes (`index.html#/posts/…`) land on the library page: a small blocking
 * script marks <html> before first paint, src/prerender.css hides the library, and
 * src/main.ts sends the reader on to the page the link means.
 */

/** The blocking script that marks old hash routes, before first paint. */
export const ROUTE_SCRIPT = 'prerender-route.js';
export const ROUTE_SCRIPT_SOURCE = `// Summit Reader (src/build/prerender.ts): an old hash route (#/posts/…) is on its way to
// its page: mark <html> before first paint, so src/prerender.css hides the library meanwhile.
if (/^#\\/./.test(location.hash)) document.documentElement.setAttribute('data-summit-route', '');
`;

/** One page to write. */
export interface PageSpec {
  /** The file, relative to dist/ (`openstack/2015/05/19/x/index.html`). */
  file: string;
  /** What goes before site-relative paths in its links: `../../`, or `/base/` for 404.html. */
  prefix: string;
  route: Route;
  lang: string;
  /** A post page's body: its sanitised parts. */
  parts?: readonly string[];
  /** The page's own head: `<title>`, description, canonical, Open Graph… (src/build/page-head.ts). */
  head: string;
}

/**
 * The server render made ready for the first paint: no inline styles, and buttons disabled.
 * Svelte's hydration comments (`<!--[-->`…) stay: the app hydrates the page, adopting its
 * nodes where they are (src/app.ts). Links and the search field work before the app starts; a
 * button does nothing until then, so it says so rather than swallowing the click: it is
 * `disabled`, marked with WAITING_ATTR, and the app enables what it marked once it has taken
 * the page over. (Only the app's own markup passes here: a post's body is put in afterwards.)
 */
export function cleanMarkup(html: string): string {
  return (
    html
      // The CSP has no 'unsafe-inline' for styles: leave inline styles to the client render.
      .replace(/\sstyle="[^"]*"/g, '')
      .replace(/<button\b/g, `<button disabled ${WAITING_ATTR}`)
  );
}

/** The built index.html made into one page: its head, its folder's links, its view. */
export function pageHtml(
  template: string,
  page: PageSpec,
  markup: string,
  site: SiteConfig,
  nonce: string,
): string {
  const shell = deferHeadLinks(siteIndexHtml(template, { ...site, lang: page.lang }))
    // The template's comments are for its readers, not in every page.
    .replace(/\s*<!--[\s\S]*?-->/g, '')
    // The page's own title, description and the rest, where the template's title was.
    .replace(/\s*<meta\s+name="description"\s+content="[^"]*"\s*\/?>/, '')
    .replace(/<title>[^<]*<\/title>/, () => page.head)
    // Relative to the page's own folder (`./assets/…` → `../../assets/…`).
    .replace(/(\s(?:src|href)=")\.\//g, (_, attr: string) => `${attr}${page.prefix}`)
    .replace(
      /<meta charset="UTF-8" \/>/,
      (m) =>
        `${m}\n    <meta name="summit:root" content="${page.prefix}" />\n    ${PLACEHOLDER_ICON}` +
        (page.parts ? `\n    ${partsMeta(nonce)}` : ''),
    )
    .replace(/(\s*)<title>/, (m, space: string) =>
      page.route.name === 'library' && !page.route.page
        ? `${space}<script src="${page.prefix}${ROUTE_SCRIPT}"></script>${m}`
        : m,
    );
  const [before, after] = shell.split('<div id="summit:app"></div>');
  if (after === undefined) throw new Error('no empty <div id="summit:app"> in index.html');
  return `${before}<div id="summit:app" data-prerendered>${markup}</div>${after}`;
}

/**
 * The app's root in the shell (`shellHtml`): the service worker puts its own scope's path in
 * its place when it serves the shell (vite.config.ts), so the shell works at any sub-path.
 */
export const SHELL_ROOT = '__summit_root__/';

/**
 * The app shell: the built index.html with an empty `#summit:app` (no prerendered view), which
 * the app renders whatever the address (src/app.ts). The service worker precaches it and
 * serves it for a page it cannot fetch (offline): the pages themselves are not precached.
 */
export function shellHtml(template: string, site: SiteConfig): string {
  const title = /<title>[^<]*<\/title>/.exec(pageHead({ path: '/' }, site))?.[0] ?? '';
  const page: PageSpec = {
    file: '',
    prefix: SHELL_ROOT,
    route: { name: 'notfound', path: '' },
    lang: site.lang,
    head: title,
  };
  return pageHtml(template, page, '', site, '').replace(
    '<div id="summit:app" data-prerendered>',
    '<div id="summit:app">',
  );
}

/** The app's server-side modules, loaded once through a Vite SSR server. */
interface Renderer {
  render(route: Route, prefix: string, parts: readonly string[] | undefined): string;
  close(): Promise<void>;
}

/**
 * The browser globals the app's state modules touch when they load (theme, storage): inert
 * stand-ins, set only while the modules load and render.
 */
function browserStandIns(): () => void {
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
  return () => {
    for (const k of added) delete g[k];
  };
}

/**
 * Where a post's body goes in the server render: its `.post-body` element, rendered empty by
 * PostView (the client's render of it is empty too, so hydration adopts whatever it holds).
 */
const BODY_ELEMENT = /<div class="post-body"[^>]*>(?=<\/div>)/;

async function createRenderer(
  root: string,
  configFile: string | undefined,
  posts: readonly PostMeta[],
  nonce: string,
): Promise<Renderer> {
  const { createServer } = await import('vite');
  const catalog: Plugin = {
    name: 'summit-prerender-catalog',
    enforce: 'pre',
    resolveId: (id) => (id === CATALOG_ID ? `\0summit-prerender:${CATALOG_ID}` : undefined),
    load: (id) =>
      id === `\0summit-prerender:${CATALOG_ID}`
        ? `export const posts = ${JSON.stringify(encodeCatalog(posts))};\n`
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
  const restore = browserStandIns();
  try {
    const load = (file: string) => server.ssrLoadModule(path.join(root, file));
    const { render } = (await server.ssrLoadModule(
      'svelte/server',
    )) as typeof import('svelte/server');
    const app = (await load('src/components/App.svelte'))['default'];
    const header = (await load('src/components/SiteHeader.svelte'))['default'];
    const links = (await load('src/state/links.ts')) as typeof import('../state/links.ts');
    const { router } = (await load(
      'src/state/router.svelte.ts',
    )) as typeof import('../state/router.svelte.ts');
    const body = (await load(
      'src/state/post-body.svelte.ts',
    )) as typeof import('../state/post-body.svelte.ts');
    return {
      render(route, prefix, parts) {
        links.setLinkPrefix(prefix);
        // A post's page links to its own talks by their bare fragments (routes.ts Links).
        links.links.here = route.name === 'post' ? links.pages.postPath(route.slug) : undefined;
        router.current = route;
        // The body is in the page: the view shows it as it is (no loading state).
        if (route.name === 'post' && parts) body.bodyInPage(route.slug, []);
        // The app's two roots, each in its wrapper (src/dom/roots.ts), hydrated one by one.
        const markup =
          rootWrapper('header', cleanMarkup(render(header, {}).body)) +
          rootWrapper('view', cleanMarkup(render(app, {}).body));
        if (!parts) return markup;
        const at = BODY_ELEMENT.exec(markup);
        if (!at) throw new Error(`no empty .post-body in the render of the page at "${prefix}"`);
        const end = at.index + at[0].length;
        let out = markup.slice(0, end);
        for (const part of parts)
          out += `<div class="post-part">${partOpen(nonce)}${part}${partClose(nonce)}</div>`;
        return out + markup.slice(end);
      },
      async close() {
        restore();
        await server.close();
      },
    };
  } catch (e) {
    restore();
    await server.close();
    throw e;
  }
}

/**
 * Renders every page and hands each to `emit` as soon as it is made (`pages` is lazy). Returns how many were written.
 */
export async function renderPages(options: {
  root: string;
  configFile: string | undefined;
  posts: readonly PostMeta[];
  site: SiteConfig;
  template: string;
  pages: AsyncIterable<PageSpec> | Iterable<PageSpec>;
  emit: (file: string, html: string) => void;
}): Promise<number> {
  const nonce = randomBytes(12).toString('hex');
  const renderer = await createRenderer(options.root, options.configFile, options.posts, nonce);
  let count = 0;
  try {
    for await (const page of options.pages) {
      const markup = renderer.render(page.route, page.prefix, page.parts);
      options.emit(page.file, pageHtml(options.template, page, markup, options.site, nonce));
      count++;
    }
  } finally {
    await renderer.close();
  }
  return count;
}
