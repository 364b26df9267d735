import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_SITE, permalinkPath } from '../shared/jekyll/site.ts';
import { loadSiteConfig, siteIndexHtml } from './site-plugin.ts';

function project(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'summit-site-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), text);
  }
  return root;
}

describe('site config', () => {
  it('uses the defaults when there is no config', () => {
    expect(loadSiteConfig(project({}), undefined)).toEqual(DEFAULT_SITE);
  });

  it('reads the project’s site.config.yml over the defaults', () => {
    const root = project({ 'site.config.yml': 'title: My notes\nlang: zh-CN\n' });
    expect(loadSiteConfig(root, undefined)).toMatchObject({
      title: 'My notes',
      lang: 'zh-CN',
      permalink: DEFAULT_SITE.permalink,
    });
  });

  it('reads a Jekyll site’s _config.yml when POSTS_DIR is its _posts', () => {
    const root = project({
      'site.config.yml': 'title: Bundled\n',
      'blog/_config.yml':
        'title: Kiwik\nurl: http://kiwik.github.io/\nbaseurl: ""\npermalink: pretty\nauthor:\n  name: RuiChen\n',
      'blog/_posts/.keep': '',
    });
    const site = loadSiteConfig(root, 'blog/_posts');
    expect(site).toMatchObject({
      title: 'Kiwik',
      url: 'http://kiwik.github.io',
      permalink: 'pretty',
      author: 'RuiChen',
    });
  });

  it('a posts folder with no _config.yml beside it gets neutral defaults, not the bundled ones', () => {
    const root = project({
      'site.config.yml': 'title: Bundled\ndescription: Vancouver\nlang: zh-CN\nauthor: RuiChen\n',
      'elsewhere/2020-01-01-a.md': '## Hello\n\nAn English post about many things.\n',
      'cjk/2020-01-01-a.md': '## 你好\n\n这是一篇中文文章，写了 OpenStack 的升级。\n',
      'declared/2020-01-01-a.md': '---\nlang: ja\n---\n## Hello\n',
      'jekyll/_config.yml': 'title: Blog\n',
      'jekyll/_posts/2020-01-01-a.md': '## 你好\n\n中文的文章。\n',
    });
    expect(loadSiteConfig(root, 'elsewhere')).toEqual(DEFAULT_SITE);
    expect(loadSiteConfig(root, 'cjk')).toEqual({ ...DEFAULT_SITE, lang: 'zh' });
    expect(loadSiteConfig(root, 'declared').lang).toBe('ja');
    // A Jekyll config without lang: the posts tell it.
    expect(loadSiteConfig(root, 'jekyll/_posts')).toMatchObject({ title: 'Blog', lang: 'zh' });
    // The bundled folder itself keeps the project's config.
    expect(loadSiteConfig(root, 'posts').title).toBe('Bundled');
  });

  it('an unreadable config warns and falls back', () => {
    const root = project({ 'site.config.yml': 'title: [unclosed\n' });
    expect(loadSiteConfig(root, undefined)).toEqual(DEFAULT_SITE);
  });

  it('reads jekyll-paginate’s keys; a value it cannot use warns with the file and line', () => {
    const root = project({
      'a/_config.yml': 'title: A\npaginate: 3\npaginate_path: /blog/page:num/\n',
      'a/_posts/.keep': '',
      'b/_config.yml': 'title: B\n# pages\npaginate: none\n',
      'b/_posts/.keep': '',
    });
    expect(loadSiteConfig(root, 'a/_posts').paginate).toEqual({ per: 3, path: '/blog/page:num/' });
    const warned: string[] = [];
    const warn = vi.spyOn(console, 'warn').mockImplementation((m: string) => void warned.push(m));
    try {
      expect(loadSiteConfig(root, 'b/_posts').paginate).toBeUndefined();
    } finally {
      warn.mockRestore();
    }
    expect(warned).toEqual([
      `[summit] ${path.join(root, 'b/_config.yml')}:3: paginate: "none" is not a number of posts a page (a whole number above 0); the library is one page`,
    ]);
  });

  it('makes Jekyll permalinks (categories lower-cased, the title from the file name)', () => {
    const post = {
      slug: '2015-04-04-Nova如何支持live-upgrade',
      date: '2015-04-04',
      categories: ['OpenStack'],
    };
    expect(permalinkPath(post, '/:categories/:year/:month/:day/:title/')).toBe(
      '/openstack/2015/04/04/Nova如何支持live-upgrade/',
    );
    expect(permalinkPath(post, 'date')).toBe('/openstack/2015/04/04/Nova如何支持live-upgrade.html');
    expect(permalinkPath({ ...post, categories: [] }, 'none')).toBe(
      '/Nova如何支持live-upgrade.html',
    );
  });
});

describe('site config text with $ in index.html and permalinks', () => {
  const html = readFileSync(path.join(process.cwd(), 'index.html'), 'utf8');
  const site = {
    ...DEFAULT_SITE,
    title: "Pay $$ and $& now, $' and $` too",
    description: 'Costs $1 or $2, $<name>',
    lang: 'en$&',
  };

  it('writes the title, description and lang exactly as written (escaped), nothing else', () => {
    const out = siteIndexHtml(html, site);
    expect(out).toContain("<title>Pay $$ and $&amp; now, $' and $` too</title>");
    expect(out).toContain('content="Costs $1 or $2, $&lt;name&gt;"');
    expect(out).toContain('<html lang="en$&amp;"');
    // Nothing duplicated: one CSP tag, one title, one body, and the page otherwise unchanged.
    expect(out.match(/Content-Security-Policy/g)).toHaveLength(1);
    expect(out.match(/<title>/g)).toHaveLength(1);
    expect(out.match(/<body>/g)).toHaveLength(1);
    const restore = out
      .replace(/<title>[^<]*<\/title>/, () => html.match(/<title>[^<]*<\/title>/)![0])
      .replace(
        /name="description"\s+content="[^"]*"/,
        () => html.match(/name="description"\s+content="[^"]*"/)![0],
      )
      .replace(/<html lang="[^"]*"/, () => html.match(/<html lang="[^"]*"/)![0]);
    expect(restore).toBe(html);
  });

  it('keeps $ in a permalink title and categories', () => {
    const post = { slug: "2015-04-04-Pay-$&-$'-now", date: '2015-04-04', categories: ['$&'] };
    expect(permalinkPath(post, 'pretty')).toBe("/$&/2015/04/04/Pay-$&-$'-now/");
  });
});
