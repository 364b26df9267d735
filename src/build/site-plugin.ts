import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'vite';
import { parse } from 'yaml';
import { DEFAULT_SITE, siteConfigFrom, type SiteConfig } from '../shared/jekyll/site.ts';
import { escapeAttr as escapeHtml } from '../shared/escape.ts';
import { SITE_ID } from './virtual-ids.ts';
import { guessPostsLang } from './site-lang.ts';

function readYaml(file: string): Record<string, unknown> | undefined {
  try {
    const data: unknown = parse(readFileSync(file, 'utf8'));
    return data && typeof data === 'object' && !Array.isArray(data)
      ? (data as Record<string, unknown>)
      : undefined;
  } catch (error) {
    console.warn(`[summit] ${file}: cannot read the site config: ${(error as Error).message}`);
    return undefined;
  }
}

/**
 * The site config: when POSTS_DIR is a Jekyll site's `_posts`, that site's `_config.yml`; when
 * it is any other folder, neutral defaults (never the bundled library's settings), with the
 * language from the posts (their front matter, else their text); otherwise this project's
 * `site.config.yml`; the defaults fill in the rest.
 */
export function loadSiteConfig(
  root = process.cwd(),
  postsDir = process.env['POSTS_DIR'],
): SiteConfig {
  const bundled = path.join(root, 'posts');
  if (postsDir && path.resolve(root, postsDir) !== bundled) {
    const dir = path.resolve(root, postsDir);
    const jekyll = path.join(dir, '..', '_config.yml');
    const data = (existsSync(jekyll) ? readYaml(jekyll) : undefined) ?? {};
    const site = siteConfigFrom(data, DEFAULT_SITE, warnAt(jekyll));
    return data['lang'] || data['locale'] ? site : { ...site, lang: guessPostsLang(dir) };
  }
  const own = path.join(root, 'site.config.yml');
  const data = existsSync(own) ? readYaml(own) : undefined;
  return data ? siteConfigFrom(data, DEFAULT_SITE, warnAt(own)) : DEFAULT_SITE;
}

/** Reports a config key's problem with the file and the key's line (its first, at the top level). */
function warnAt(file: string): (key: string, message: string) => void {
  return (key, message) => {
    const lines = readFileSync(file, 'utf8').split(/\r?\n/);
    const at = lines.findIndex((l) => l.startsWith(`${key}:`) || l.startsWith(`${key} :`));
    console.warn(`[summit] ${file}${at >= 0 ? `:${at + 1}` : ''}: ${message}`);
  };
}

/**
 * index.html with the site's lang, title and description. Config text goes in through replacer
 * functions, never as a replacement string: there `$&`, `$'` and `$$` are patterns, and a title
 * such as "Pay $$ and $& now" would copy parts of the page (the CSP tag among them) into it.
 */
export function siteIndexHtml(html: string, site: SiteConfig): string {
  return html
    .replace(/<html lang="[^"]*"/, () => `<html lang="${escapeHtml(site.lang)}"`)
    .replace(/<title>[^<]*<\/title>/, () => `<title>${escapeHtml(site.title)}</title>`)
    .replace(
      /(<meta\s+name="description"\s+content=")[^"]*(")/,
      (_, open: string, close: string) => `${open}${escapeHtml(site.description)}${close}`,
    );
}

/** Serves the site config to the app and writes its title, description and lang into index.html. */
export function sitePlugin(site: SiteConfig): Plugin {
  return {
    name: 'summit-site',
    resolveId(id) {
      return id === SITE_ID ? `\0${id}` : undefined;
    },
    load(id) {
      return id === `\0${SITE_ID}` ? `export const site = ${JSON.stringify(site)};\n` : undefined;
    },
    transformIndexHtml(html) {
      return siteIndexHtml(html, site);
    },
  };
}
