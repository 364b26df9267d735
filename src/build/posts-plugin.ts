import path from 'node:path';
import type { Plugin, ResolvedConfig, ViteDevServer } from 'vite';
import { encodeCatalog } from '../shared/catalog-codec.ts';
import { collectGarbage, loadPosts, type LoadedPost } from './read-posts.ts';
import { prerenderIndexHtml, ROUTE_SCRIPT, ROUTE_SCRIPT_SOURCE } from './prerender.ts';
import { searchIndexFiles } from './search-index.ts';
import { DEFAULT_SITE, type SiteConfig } from '../shared/jekyll/site.ts';
import type { PostBody, Problem } from '../shared/types.ts';
import { createBodySanitiser } from './sanitise.ts';
import { CATALOG_ID } from './virtual-ids.ts';

// Reading the folder lives in read-posts.ts; check:posts and the tests import it from here.
export { firstNonUtf8Line, loadPosts, type LoadedPost } from './read-posts.ts';

/** Exports `url`: the search index's manifest (src/build/search-index.ts), for the worker. */
export const SEARCH_URL_ID = 'virtual:summit/search-index-url';
/** Where dev serves the index's files (in a build: `assets/search-<build>/…`). */
const SEARCH_DEV_DIR = '__summit/search/';
/** Where dev serves each post body (in a build: an emitted `assets/post-<key>-<hash>.json`). */
const POST_DEV_PREFIX = '__summit/post/';

export interface PostsPluginOptions {
  /** Folder of posts; defaults to $POSTS_DIR, then ./posts. */
  dir?: string;
  /** Also read `_drafts` (inside the folder, or beside a Jekyll `_posts`); defaults to $POSTS_DRAFTS=1. */
  drafts?: boolean;
  /** The site config: links to the site's own pages are settled with it. */
  site?: SiteConfig;
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

/** In the catalog module: fetches one post body. */
const FETCH_BODY = `const body = (url) =>
  fetch(url).then((r) => {
    if (!r.ok) throw new Error(\`\${r.status} \${r.statusText}: \${url}\`);
    return r.json();
  });
`;

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
  const postBodyJson = (post: LoadedPost) => JSON.stringify(bodies()(post));

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
        let json: string | undefined;
        if (url.startsWith(config.base + SEARCH_DEV_DIR))
          json = searchFiles().files.get(url.slice((config.base + SEARCH_DEV_DIR).length));
        else if (url.startsWith(config.base + POST_DEV_PREFIX)) {
          const key = url.slice((config.base + POST_DEV_PREFIX).length).replace(/\.json$/, '');
          const post = load().posts.find((p) => p.key === key);
          if (post) json = postBodyJson(post);
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
        // Each body is a JSON file, fetched when the post opens: JSON.parse is many times
        // faster than evaluating a module of the same size (a 5 MB post: ~10 ms against ~1 s).
        // In a build the file is hashed and Rollup writes its URL relative to this chunk, so
        // it works at any sub-path; the PWA precaches it.
        // Sanitised with a turn of the event loop after each part: see BodySanitiser.yielding.
        const bodyUrl = async (p: LoadedPost) =>
          config.command === 'build'
            ? `import.meta.ROLLUP_FILE_URL_${this.emitFile({ type: 'asset', name: `${p.key}.json`, source: JSON.stringify(await bodies().yielding(p)) })}`
            : JSON.stringify(`${config.base}${POST_DEV_PREFIX}${p.key}.json`);
        const lines: string[] = [];
        for (const p of posts)
          lines.push(`  ${JSON.stringify(p.meta.slug)}: () => body(${await bodyUrl(p)}),`);
        const loaders = lines.join('\n');
        // Sanitising left hundreds of MB of garbage: collected now, before bundling adds to it.
        if (config.command === 'build') collectGarbage();
        // Compact tuples (src/shared/catalog-codec.ts): the catalog is in the first load.
        return `${jsonModule('posts', encodeCatalog(posts.map((p) => p.meta)))}${FETCH_BODY}export const loaders = {\n${loaders}\n};\n`;
      }
      if (vid === SEARCH_URL_ID) {
        // Absolute, for the worker. (A variable, not a literal: Vite rewrites the
        // `new URL('literal', import.meta.url)` pattern.)
        if (config.command !== 'build') {
          const devPath = JSON.stringify(`${config.base}${SEARCH_DEV_DIR}index.json`);
          const hint = JSON.stringify(searchFiles().urlHint);
          return `const path = ${devPath};\nexport const url = new URL(path, import.meta.url).href + ${hint};\n`;
        }
        // The index's files in a folder named after the build, precached by the PWA. Rollup
        // resolves the URL relative to the importing chunk, so it works at any sub-path.
        const { folder, files, urlHint } = searchFiles();
        let ref = '';
        for (const [name, source] of files) {
          const id = this.emitFile({ type: 'asset', fileName: `assets/${folder}/${name}`, source });
          if (name === 'index.json') ref = id;
        }
        collectGarbage();
        return `export const url = new URL(import.meta.ROLLUP_FILE_URL_${ref}, import.meta.url).href + ${JSON.stringify(urlHint)};\n`;
      }
      return undefined;
    },
    // Nothing reads the posts once the bundle is written: they go before the service worker
    // is generated (VitePWA's closeBundle, the build's last step and its largest in memory).
    writeBundle() {
      if (config.command !== 'build') return;
      cache = undefined;
      makeBody = undefined;
      collectGarbage();
    },
    // The library prerendered into index.html at build time (src/build/prerender.ts);
    // SUMMIT_PRERENDER=0 turns it off.
    generateBundle() {
      if (config.command !== 'build' || process.env['SUMMIT_PRERENDER'] === '0') return;
      this.emitFile({ type: 'asset', fileName: ROUTE_SCRIPT, source: ROUTE_SCRIPT_SOURCE });
    },
    transformIndexHtml: {
      order: 'post',
      handler(html) {
        if (config.command !== 'build' || process.env['SUMMIT_PRERENDER'] === '0') return html;
        return prerenderIndexHtml(html, {
          root: config.root,
          configFile: config.configFile,
          posts: load().posts.map((p) => p.meta),
          warn: (m) => config.logger.warn(m),
        });
      },
    },
  };
}
