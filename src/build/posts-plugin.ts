import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import type { Plugin, ResolvedConfig, ViteDevServer } from 'vite';
import { encodeCatalog } from '../shared/catalog-codec.ts';
import { collectGarbage, loadPosts, type LoadedPost } from './read-posts.ts';
import {
  renderPages,
  ROUTE_SCRIPT,
  ROUTE_SCRIPT_SOURCE,
  shellHtml,
  type PageSpec,
} from './prerender.ts';
import { pageFile, PageTable, tagKey, upToRoot } from '../shared/routes.ts';
import { BODY_EXT, partsFile, readParts } from '../shared/page-parts.ts';
import { pageHead, type HeadInfo } from './page-head.ts';
import {
  atomFeed,
  extraFeeds,
  robotsTxt,
  siteUrl,
  sitemap,
  type ExtraFeed,
  type FeedPost,
  type SitemapUrl,
} from './site-files.ts';
import { searchIndexFiles } from './search-index.ts';
import { MANIFEST_FILE } from '../shared/search-types.ts';
import { DEFAULT_SITE, type SiteConfig } from '../shared/jekyll/site.ts';
import { strings, uiLangFor } from '../i18n/strings.ts';
import type { PostBody, Problem } from '../shared/types.ts';
import { createBodySanitiser } from './sanitise.ts';
import { CATALOG_ID } from './virtual-ids.ts';

// Reading the folder lives in read-posts.ts; check:posts and the tests import it from here.
export { firstNonUtf8Line, loadPosts, type LoadedPost } from './read-posts.ts';

/** Exports `url`: the search index's manifest (src/build/search-index.ts), for the worker. */
export const SEARCH_URL_ID = 'virtual:summit/search-index-url';
/** Where dev serves the index's files (in a build: `assets/search-<build>/…`). */
const SEARCH_DEV_DIR = '__summit/search/';
/** Where dev serves each post body, uncompressed (in a build: `assets/posts/<hash>.htmlz`, gzip). */
const POST_DEV_PREFIX = '__summit/post/';
const DEV_NONCE = '0123456789abcdef';
/** jekyll-feed's default `posts_limit`: a feed holds the newest 10 posts (`feed.posts_limit`). */
const FEED_POSTS = 10;

export interface PostsPluginOptions {
  /** Folder of posts; defaults to $POSTS_DIR, then ./posts. */
  dir?: string;
  /** Also read `_drafts` (inside the folder, or beside a Jekyll `_posts`); defaults to $POSTS_DRAFTS=1. */
  drafts?: boolean;
  /** The site config: links to the site's own pages are settled with it. */
  site?: SiteConfig;
  /**
   * Filled in when the bundle is made, for the service worker (vite.config.ts): the app shell
   * page (`assets/shell-<hash>.html`, its root left as SHELL_ROOT) and the entry script, which
   * names the build.
   */
  offline?: { shell: string; entry: string };
}

/** `n` hex digits of the SHA-256 of `text`. */
const sha = (text: string, n: number) =>
  createHash('sha256').update(text).digest('hex').slice(0, n);

/**
 * A post's body file (src/shared/page-parts.ts partsFile), named by its content: `source` its
 * HTML (what its page takes the parts from), `stored` that HTML gzip-compressed, as the build
 * writes it (`assets/posts/<name>.htmlz`, BODY_EXT).
 */
export function bodyFile(parts: readonly string[]): {
  name: string;
  source: string;
  stored: Uint8Array;
} {
  // The markers' nonce comes from the body, so an unchanged body keeps its file (and name).
  const source = partsFile(parts, sha(parts.join('\u0000'), 24));
  // gzip's header holds no time or name here (Node writes neither): the same body, the same bytes.
  return { name: sha(source, 16), source, stored: gzipSync(source, { level: 6 }) };
}

/** `JSON.parse('…')` is parsed faster than an object literal of the same size. */
function jsonModule(name: string, value: unknown): string {
  return `export const ${name} = JSON.parse(${JSON.stringify(JSON.stringify(value))});\n`;
}

/** Makes a post's lazy body (src/shared/types.ts PostBody): its parts, sanitised. */
export interface BodyMaker {
  (post: LoadedPost): PostBody;
  /** The same, giving the event loop a turn after each part (see BodySanitiser.yielding). */
  yielding(post: LoadedPost): Promise<PostBody>;
}

/** The bodies of these posts, their links settled against them all and the site. */
export function bodyMaker(
  posts: readonly LoadedPost[],
  site: SiteConfig = DEFAULT_SITE,
): BodyMaker {
  const sanitise = createBodySanitiser(
    posts.map((p) => p.meta),
    site,
  );
  const make = ((post) => sanitise(post.meta, post.body.parts)) as BodyMaker;
  make.yielding = (post) => sanitise.yielding(post.meta, post.body.parts);
  return make;
}

export function formatProblem(p: Problem): string {
  return `${p.file}${p.line > 0 ? `:${p.line}` : ''}: ${p.message}`;
}

/**
 * The build-time pipeline. It reads the posts folder once and serves the eager catalog, one
 * lazy chunk per post, and the search index: a JSON file (not a module, so the worker can
 * fetch and `JSON.parse` it off the main thread) whose address a tiny module exports.
 */
export function postsPlugin(options: PostsPluginOptions = {}): Plugin {
  let config: ResolvedConfig;
  let dir = '';
  let cache: { posts: LoadedPost[]; problems: Problem[] } | undefined;
  let makeBody: BodyMaker | undefined;
  const bodies = () => (makeBody ??= bodyMaker(load().posts, options.site));
  const postBody = (post: LoadedPost) => bodies()(post);
  /**
   * In a build: every post's body file, made with the catalog (which names them), until its
   * page is made; the page takes the parts from it (slices of it: no second copy kept).
   */
  let made = new Map<string, string>();

  const load = () => {
    if (!cache) {
      cache = loadPosts(dir, options.drafts ?? process.env['POSTS_DRAFTS'] === '1', options.site);
      for (const p of cache.problems) config.logger.warn(`[summit] ${formatProblem(p)}`);
    }
    return cache;
  };

  const searchFiles = () => searchIndexFiles(load().posts);

  return {
    name: 'summit-posts',
    configResolved(resolved) {
      config = resolved;
      dir = path.resolve(config.root, options.dir ?? process.env['POSTS_DIR'] ?? 'posts');
    },
    configureServer(server: ViteDevServer) {
      server.watcher.add(dir);
      const onChange = (file: string) => {
        const resolved = path.resolve(file);
        if (resolved !== dir && !resolved.startsWith(dir + path.sep)) return;
        cache = undefined;
        makeBody = undefined;
        for (const mod of server.moduleGraph.idToModuleMap.values()) {
          if (mod.id?.startsWith('\0virtual:summit/')) server.moduleGraph.invalidateModule(mod);
        }
        server.ws.send({ type: 'full-reload' });
      };
      server.watcher.on('add', onChange).on('change', onChange).on('unlink', onChange);
      // The search index and the post bodies in dev (in a build they are emitted assets).
      server.middlewares.use((req, res, next) => {
        const url = req.url?.split('?')[0] ?? '';
        let json: string | Uint8Array | undefined;
        if (url.startsWith(config.base + SEARCH_DEV_DIR))
          json = searchFiles().files.get(url.slice((config.base + SEARCH_DEV_DIR).length));
        else if (url.startsWith(config.base + POST_DEV_PREFIX)) {
          const slug = decodeURIComponent(
            url.slice((config.base + POST_DEV_PREFIX).length),
          ).replace(/\.html$/, '');
          const post = load().posts.find((p) => p.meta.slug === slug);
          if (!post) return next();
          res.setHeader('Content-Type', 'text/html; charset=utf-8');
          res.end(partsFile(postBody(post).parts, DEV_NONCE));
          return;
        }
        if (json === undefined) return next();
        res.setHeader('Content-Type', 'application/json');
        res.setHeader('Cache-Control', 'no-cache');
        res.end(json);
      });
    },
    resolveId(id) {
      if (id === CATALOG_ID || id === SEARCH_URL_ID) return `\0${id}`;
      return undefined;
    },
    async load(id, loadOptions) {
      if (!id.startsWith('\0virtual:summit/')) return undefined;
      // Server-side rendering (the library prerender, src/build/prerender.ts) never searches:
      // it need not read the posts again for the index's address.
      if (id === `\0${SEARCH_URL_ID}` && loadOptions?.ssr) return 'export const url = "";\n';
      const { posts } = load();
      const vid = id.slice(1);
      if (vid === CATALOG_ID) {
        // Compact tuples (src/shared/catalog-codec.ts).
        const catalog = encodeCatalog(posts.map((p) => p.meta));
        if (config.command !== 'build') return jsonModule('posts', catalog);
        // Each post's body alone (`assets/posts/<hash>.htmlz`, gzip, src/shared/page-parts.ts),
        // which the app fetches when it opens a post and the service worker precaches. They are
        // made now, as the catalog names them; the pages take them from here (sitePages).
        const names: string[] = [];
        made = new Map();
        for (const post of posts) {
          const file = bodyFile((await bodies().yielding(post)).parts);
          made.set(post.meta.slug, file.source);
          this.emitFile({
            type: 'asset',
            fileName: `assets/posts/${file.name}${BODY_EXT}`,
            source: file.stored,
          });
          names.push(file.name);
        }
        // In a build, a JSON file the module waits for (top-level await): the app's code stays
        // the same size whatever the library's, and the page it takes over is already shown.
        const ref = this.emitFile({
          type: 'asset',
          name: 'catalog.json',
          source: JSON.stringify({ posts: catalog, bodies: names }),
        });
        return [
          `const url = import.meta.ROLLUP_FILE_URL_${ref};`,
          'const response = await fetch(url);',
          'if (!response.ok) throw new Error(`${response.status} ${response.statusText}: ${url}`);',
          'const data = await response.json();',
          'export const posts = data.posts;',
          "/** Each post's body file, in the order of `posts` (beside the catalog: assets/posts/). */",
          `export const bodies = data.bodies.map((name) => new URL(\`posts/\${name}${BODY_EXT}\`, url).href);`,
          '',
        ].join('\n');
      }
      if (vid === SEARCH_URL_ID) {
        // Absolute, for the worker. (A variable, not a literal: Vite rewrites the
        // `new URL('literal', import.meta.url)` pattern.)
        if (config.command !== 'build') {
          const devPath = JSON.stringify(`${config.base}${SEARCH_DEV_DIR}${MANIFEST_FILE}`);
          const hint = JSON.stringify(searchFiles().urlHint);
          return `const path = ${devPath};\nexport const url = new URL(path, import.meta.url).href + ${hint};\n`;
        }
        // The index's files in a folder named after the build, precached by the PWA. Rollup
        // resolves the URL relative to the importing chunk, so it works at any sub-path.
        const { folder, files, urlHint } = searchFiles();
        let ref = '';
        for (const [name, source] of files) {
          const id = this.emitFile({ type: 'asset', fileName: `assets/${folder}/${name}`, source });
          if (name === MANIFEST_FILE) ref = id;
        }
        collectGarbage();
        return `export const url = new URL(import.meta.ROLLUP_FILE_URL_${ref}, import.meta.url).href + ${JSON.stringify(urlHint)};\n`;
      }
      return undefined;
    },
    // In dev every address is served index.html (Vite's fallback): its files from the root.
    transformIndexHtml(html) {
      if (config.command === 'build') return html;
      return html.replace(
        /(\s(?:src|href)=")\.\//g,
        (_, attr: string) => `${attr}${config.base.replace(/^\.?\/?/, '/')}`,
      );
    },
    // Nothing reads the posts once the bundle is written: they go before the service worker
    // is generated (VitePWA's closeBundle, the build's last step and its largest in memory).
    writeBundle() {
      if (config.command !== 'build') return;
      cache = undefined;
      makeBody = undefined;
      made = new Map();
      collectGarbage();
    },
    // Every page of the site, rendered at build time (src/build/prerender.ts), from the
    // built index.html; SUMMIT_PRERENDER=0 leaves index.html as the only page (for tests).
    generateBundle: {
      order: 'post',
      async handler(_options, bundle) {
        if (config.command !== 'build') return;
        const index = bundle['index.html'];
        if (index?.type !== 'asset' || typeof index.source !== 'string') {
          this.warn('[summit] pages: no index.html in the bundle; no pages written');
          return;
        }
        const template = index.source;
        const site = options.site ?? DEFAULT_SITE;
        // The app shell: what the service worker serves for a page offline (vite.config.ts).
        const shell = this.emitFile({
          type: 'asset',
          name: 'shell.html',
          source: shellHtml(template, site),
        });
        if (options.offline) {
          options.offline.shell = this.getFileName(shell);
          const entry = Object.values(bundle).find((c) => c.type === 'chunk' && c.isEntry);
          options.offline.entry = entry?.fileName ?? '';
        }
        if (process.env['SUMMIT_PRERENDER'] === '0') return;
        this.emitFile({ type: 'asset', fileName: ROUTE_SCRIPT, source: ROUTE_SCRIPT_SOURCE });
        const { posts } = load();
        const metas = posts.map((p) => p.meta);
        const table = new PageTable(
          metas,
          site.permalink,
          (slug, wanted, at) =>
            config.logger.warn(
              `[summit] ${slug}: its page ${wanted ? `"${wanted}" is taken` : 'has no path'}; written at "${at}"`,
            ),
          site.paginate,
        );
        const written = new Set<string>();
        // jekyll-feed's feeds: feed.xml, and those `feed:` asks for (per category, per tag).
        const limit = site.feed?.postsLimit ?? FEED_POSTS;
        const feeds: FeedPlan[] = [
          { file: 'feed.xml', title: site.title, has: () => true, posts: [] },
          ...extraFeeds(
            site,
            metas.flatMap((m) => m.tags),
          ).map((f) => ({ ...f, posts: [] as FeedPost[] })),
        ];
        // jekyll-sitemap lists the library's pages (site.html_pages) too.
        const urls: SitemapUrl[] = Array.from({ length: table.libraryPages }, (_, i) => ({
          loc: siteUrl(site, `/${table.libraryPath(i + 1)}`),
        }));
        await renderPages({
          root: config.root,
          configFile: config.configFile,
          posts: metas,
          site,
          template,
          pages: sitePages(
            posts,
            site,
            table,
            (post) => {
              const file = made.get(post.meta.slug);
              made.delete(post.meta.slug);
              const parts = file === undefined ? undefined : readParts(file);
              return parts ? Promise.resolve({ parts }) : bodies().yielding(post);
            },
            (post, path, made) => {
              const { meta } = post;
              urls.push({ loc: siteUrl(site, `/${path}`), lastmod: meta.date });
              const into = feeds.filter((f) => f.posts.length < limit && f.has(meta));
              if (!into.length) return;
              const entry: FeedPost = {
                title: meta.title,
                path: `/${path}`,
                date: meta.date,
                excerpt: meta.excerpt,
                contentHtml: made.parts.join(''),
                tags: meta.tags,
                categories: meta.categories,
                slug: meta.slug.replace(/^\d{4}-\d{2}-\d{2}-/, ''),
              };
              if (meta.author) entry.author = meta.author;
              if (meta.image) entry.image = meta.image;
              if (meta.lang) entry.lang = meta.lang;
              for (const f of into) f.posts.push(entry);
            },
          ),
          emit: (fileName, source) => {
            if (fileName === 'index.html') index.source = source;
            else if (!written.has(fileName)) this.emitFile({ type: 'asset', fileName, source });
            written.add(fileName);
          },
        });
        for (const [fileName, source] of siteFiles(site, feeds, urls)) {
          // A feed where a page already is (a post's own permalink) leaves the page as it is.
          if (written.has(fileName)) {
            this.warn(`[summit] the feed ${fileName} is not written: a page is there`);
            continue;
          }
          written.add(fileName);
          this.emitFile({ type: 'asset', fileName, source });
        }
        // Sanitising left garbage: collected now, before the bundle is written.
        collectGarbage();
      },
    },
  };
}

/** Every page of the site, made one at a time (a post's body: from its body file, made with the catalog). */
async function* sitePages(
  posts: readonly LoadedPost[],
  site: SiteConfig,
  table: PageTable,
  body: (post: LoadedPost) => Promise<PostBody>,
  onPost: (post: LoadedPost, path: string, body: PostBody) => void,
): AsyncGenerator<PageSpec> {
  const page = (path: string, route: PageSpec['route'], head: Omit<HeadInfo, 'path'> = {}) => ({
    file: pageFile(path),
    prefix: upToRoot(path),
    route,
    lang: site.lang,
    head: pageHead({ ...head, path: `/${path}` }, site),
  });
  yield page('', { name: 'library' }, { pager: [1, table.libraryPages] });
  // The library's further pages, when the site paginates it (jekyll-paginate's).
  for (let n = 2; n <= table.libraryPages; n++)
    yield page(
      table.libraryPath(n),
      { name: 'library', page: n },
      { pager: [n, table.libraryPages] },
    );
  for (const post of posts) {
    const { meta } = post;
    const path = table.postPath(meta.slug);
    if (path === undefined) continue;
    // Its body file's parts (or sanitised now, a turn of the event loop after each part).
    const made = await body(post);
    onPost(post, path, made);
    const info: Omit<HeadInfo, 'path'> = {
      title: meta.title,
      description: meta.excerpt,
      date: meta.date,
      tags: meta.tags,
    };
    if (meta.author) info.author = meta.author;
    if (meta.image) info.image = meta.image;
    if (meta.lang) info.lang = meta.lang;
    yield {
      ...page(path, { name: 'post', slug: meta.slug }, info),
      lang: meta.lang || site.lang,
      parts: made.parts,
    };
  }
  for (const kind of ['tags', 'categories'] as const) {
    const names = new Map<string, string>();
    for (const p of posts)
      for (const t of p.meta[kind]) if (!names.has(tagKey(t))) names.set(tagKey(t), t);
    for (const [key, name] of names) {
      yield page(`${kind}/${key}/`, { name: 'tag', kind, value: key }, { title: name });
    }
  }
  // In the site's language, as the pages' interface is (src/i18n/strings.ts uiLangFor).
  const t = strings[uiLangFor(site.lang)];
  yield page('search/', { name: 'search', q: '' }, { title: t.search });
  yield {
    ...page('404.html', { name: 'notfound', path: '' }, { title: t.notFound }),
    // Served for any path: only links from the site root (its baseurl) work at every depth.
    prefix: `${site.baseurl}/`,
  };
}

/** One feed to write (`feed.xml` or one of extraFeeds), and the newest posts in it. */
interface FeedPlan extends ExtraFeed {
  posts: FeedPost[];
}

/** The site's feeds, sitemap and robots.txt (src/build/site-files.ts), as jekyll-feed and jekyll-sitemap write them. */
function siteFiles(site: SiteConfig, feeds: FeedPlan[], urls: SitemapUrl[]): [string, string][] {
  const epoch = Number(process.env['SOURCE_DATE_EPOCH']);
  const generatedAt = new Date(
    Number.isFinite(epoch) && epoch > 0 ? epoch * 1000 : Date.now(),
  ).toISOString();
  const limit = site.feed?.postsLimit ?? FEED_POSTS;
  const files: [string, string][] = feeds.map((f) => [
    f.file,
    atomFeed(site, f.posts, { generatedAt, feedPath: `/${f.file}`, title: f.title, limit }),
  ]);
  // The sitemap protocol wants absolute URLs: only a site with a `url` has one.
  if (site.url) {
    files.push(['sitemap.xml', sitemap(urls)]);
    files.push(['robots.txt', robotsTxt(siteUrl(site, '/sitemap.xml'))]);
  } else files.push(['robots.txt', robotsTxt()]);
  return files;
}
