import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Plugin, ResolvedConfig } from 'vite';
import type { SiteConfig } from '../shared/jekyll/site.ts';
import { originalPostPath } from '../shared/routes.ts';
import type { PostMeta } from '../shared/types.ts';

/**
 * The site's own images. When the posts folder is a Jekyll site's `_posts` (or has a
 * `_config.yml` beside it), an image a post references by site path (`/assets/x.png`,
 * `{{ site.baseurl }}/assets/x.png` after Liquid, or relative to the post's address, such as
 * `../images/x.png`) is copied into `dist/assets/site/` under a hashed name, and the image's
 * `src` becomes that file, relative, so it loads at any sub-path and offline. An image the
 * site does not have gets one warning naming the post's file and line; its `src` is kept.
 *
 * The sanitiser asks `siteImages.resolve` for each image (src/build/sanitise.ts); this plugin
 * configures it and writes the files once the bodies are made (generateBundle).
 */

/** Extensions copied (what an `<img>` shows). */
const IMAGE = /\.(?:png|jpe?g|gif|webp|avif|svg|ico|bmp)$/i;
/** Where copied images go in dist. */
const OUT_DIR = 'assets/site';

interface Missing {
  slug: string;
  src: string;
}

class SiteImages {
  private root: string | undefined;
  private postsDir = '';
  private site: Pick<SiteConfig, 'baseurl' | 'permalink'> = { baseurl: '', permalink: '' };
  /** The dist file of each copied image, by its path in the site. */
  readonly copied = new Map<string, string>();
  private readonly outputs = new Set<string>();

  /** Whether `name` (site-relative) is one of the copies. */
  isOutput(name: string): boolean {
    return this.outputs.has(name);
  }
  readonly missing: Missing[] = [];
  private readonly seenMissing = new Set<string>();

  /** Sets the site for a build: `root` undefined when the posts folder is not in a Jekyll site. */
  configure(postsDir: string, site: Pick<SiteConfig, 'baseurl' | 'permalink'>): void {
    this.postsDir = postsDir;
    const parent = path.dirname(postsDir);
    const jekyll =
      path.basename(postsDir) === '_posts' || existsSync(path.join(parent, '_config.yml'));
    this.root = jekyll ? parent : undefined;
    this.site = site;
    this.copied.clear();
    this.outputs.clear();
    this.missing.length = 0;
    this.seenMissing.clear();
  }

  /**
   * The dist URL of an image of the site, or undefined to keep `src` as it is (not a site
   * path, not in a Jekyll site, or missing: then remembered for a warning).
   */
  resolve(
    src: string,
    post: Pick<PostMeta, 'slug' | 'date' | 'title' | 'categories' | 'permalink'>,
  ) {
    if (!this.root) return undefined;
    const v = src.trim();
    if (v === '' || /^(?:[a-z][a-z\d+.-]*:|\/\/|#)/i.test(v)) return undefined;
    // Already the copy (the sanitiser's second pass over its own output).
    if (this.outputs.has(v)) return v;
    const base = this.site.baseurl.replace(/\/+$/, '');
    let pathname: string;
    try {
      // The post's own address on its site, as Jekyll would write it (its own permalink first).
      const page = new URL(
        `${base}${originalPostPath(post, this.site.permalink)}`.replace(/^\/*/, '/'),
        'https://site.invalid',
      );
      pathname = decodeURIComponent(new URL(v, page).pathname);
    } catch {
      return undefined;
    }
    if (base && (pathname === base || pathname.startsWith(`${base}/`)))
      pathname = pathname.slice(base.length);
    if (!IMAGE.test(pathname)) return undefined;
    const file = path.join(this.root, ...pathname.split('/').filter(Boolean));
    if (!file.startsWith(this.root + path.sep)) return undefined;
    // Never a file of the build's own folders or a hidden one.
    const rel = path.relative(this.root, file);
    if (rel.split(path.sep).some((part) => part.startsWith('.') || part === 'node_modules'))
      return undefined;
    const known = this.copied.get(file);
    if (known) return known;
    let source: Buffer;
    try {
      if (!statSync(file).isFile()) throw new Error('not a file');
      source = readFileSync(file);
    } catch {
      const key = `${post.slug}\0${v}`;
      if (!this.seenMissing.has(key)) {
        this.seenMissing.add(key);
        this.missing.push({ slug: post.slug, src: v });
      }
      return undefined;
    }
    const ext = path.extname(file);
    const name = path.basename(file, ext).replace(/[^\w-]+/g, '_');
    const hash = createHash('sha256').update(source).digest('hex').slice(0, 8);
    const out = `${OUT_DIR}/${name}-${hash}${ext.toLowerCase()}`;
    this.copied.set(file, out);
    this.outputs.add(out);
    return out;
  }

  /** `file:line: …` for each missing image: the post's file, and the line that names it. */
  warnings(): string[] {
    if (!this.missing.length) return [];
    let files: string[] = [];
    try {
      files = readdirSync(this.postsDir);
    } catch {
      files = [];
    }
    return this.missing.map(({ slug, src }) => {
      const name = files.find((f) => f.replace(/\.[^.]+$/, '') === slug) ?? `${slug}.md`;
      let line = 0;
      try {
        const lines = readFileSync(path.join(this.postsDir, name), 'utf8').split('\n');
        const tail = src.split('/').pop()!;
        line =
          lines.findIndex((l) => l.includes(src)) + 1 ||
          lines.findIndex((l) => l.includes(tail)) + 1;
      } catch {
        line = 0;
      }
      const where = path.relative(process.cwd(), path.join(this.postsDir, name));
      return `${where}${line > 0 ? `:${line}` : ''}: image ${src} is not in the site (${this.root}); its address is kept as written`;
    });
  }

  /** The copied images' sources, for the build to write. */
  files(): { fileName: string; source: Buffer }[] {
    return [...this.copied].map(([file, fileName]) => ({ fileName, source: readFileSync(file) }));
  }
}

/** The one registry of the site's images for the build (the sanitiser asks it). */
export const siteImages = new SiteImages();

/** Copies the site's images that posts use into dist (see SiteImages). */
export function imagesPlugin(site: SiteConfig): Plugin {
  let config: ResolvedConfig;
  return {
    name: 'summit-site-images',
    configResolved(resolved) {
      config = resolved;
      const dir = path.resolve(config.root, process.env['POSTS_DIR'] ?? 'posts');
      siteImages.configure(dir, site);
    },
    configureServer(server) {
      // In dev the bodies point at the same names: serve them from the site.
      server.middlewares.use((req, res, next) => {
        const url = decodeURIComponent(req.url?.split('?')[0] ?? '');
        const prefix = `${config.base}${OUT_DIR}/`;
        if (!url.startsWith(prefix)) return next();
        const hit = [...siteImages.copied].find(([, out]) => `${config.base}${out}` === url);
        if (!hit) return next();
        res.end(readFileSync(hit[0]));
      });
    },
    // After the pages are made (src/build/posts-plugin.ts, also 'post', listed before this
    // plugin): sanitising their bodies is what finds the images.
    generateBundle: {
      order: 'post',
      handler() {
        for (const f of siteImages.files()) this.emitFile({ type: 'asset', ...f });
        for (const w of siteImages.warnings()) config.logger.warn(`[summit] ${w}`);
      },
    },
  };
}
