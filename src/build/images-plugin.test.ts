import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { siteImages } from './images-plugin.ts';
import { createBodySanitiser } from './sanitise.ts';
import type { PostMeta } from '../shared/types.ts';

const root = mkdtempSync(path.join(tmpdir(), 'summit-images-'));
const posts = path.join(root, '_posts');
mkdirSync(posts);
mkdirSync(path.join(root, 'assets', 'img'), { recursive: true });
mkdirSync(path.join(root, 'images'));
mkdirSync(path.join(root, '.git'));
writeFileSync(path.join(root, 'assets', 'img', 'logo.png'), 'png bytes');
writeFileSync(path.join(root, 'images', 'photo one.JPG'), 'jpg bytes');
writeFileSync(path.join(root, '.git', 'secret.png'), 'no');
writeFileSync(
  path.join(posts, '2024-02-03-pics.md'),
  '---\ntitle: Pics\n---\n\n![a](/assets/img/logo.png)\n\n![gone](/assets/img/gone.png)\n',
);
afterAll(() => rmSync(root, { recursive: true, force: true }));

const post = { slug: '2024-02-03-pics', date: '2024-02-03', title: 'Pics', categories: [] };

describe('the site own images', () => {
  siteImages.configure(posts, { baseurl: '/blog', permalink: '/:year/:month/:day/:title/' });

  it('copies a site-path image under a hashed name, relative to dist', () => {
    const out = siteImages.resolve('/assets/img/logo.png', post);
    expect(out).toMatch(/^assets\/site\/logo-[0-9a-f]{8}\.png$/);
    // With the baseurl (Liquid's `{{ site.baseurl }}`), and again: one copy.
    expect(siteImages.resolve('/blog/assets/img/logo.png', post)).toBe(out);
    // The sanitiser's second pass over its own output keeps it.
    expect(siteImages.resolve(out!, post)).toBe(out);
    expect(siteImages.files()).toEqual([{ fileName: out, source: Buffer.from('png bytes') }]);
  });

  it('resolves a relative path against the post address on its site', () => {
    // /blog/2024/02/03/pics/ + ../../../../images/x → /blog/images/x
    expect(siteImages.resolve('../../../../images/photo%20one.JPG', post)).toMatch(
      /^assets\/site\/photo_one-[0-9a-f]{8}\.jpg$/,
    );
  });

  it("resolves a relative path against a post's own permalink, not the site's pattern", () => {
    // /blog/notes/pics/ + ../../images/x → /blog/images/x (the site's pattern would give
    // /blog/2024/02/images/x, which the site does not have).
    const own = { ...post, permalink: '/notes/pics/' };
    expect(siteImages.resolve('../../images/photo%20one.JPG', own)).toMatch(
      /^assets\/site\/photo_one-[0-9a-f]{8}\.jpg$/,
    );
  });

  it('leaves URLs of other sites, data, non-images and hidden folders alone', () => {
    for (const src of ['https://x.org/a.png', '//x.org/a.png', 'data:image/png,xx', '/about/'])
      expect(siteImages.resolve(src, post), src).toBeUndefined();
    expect(siteImages.resolve('/.git/secret.png', post)).toBeUndefined();
    expect(siteImages.resolve('/../outside.png', post)).toBeUndefined();
  });

  it('a missing image is one warning naming the post file and line', () => {
    expect(siteImages.resolve('/assets/img/gone.png', post)).toBeUndefined();
    expect(siteImages.resolve('/assets/img/gone.png', post)).toBeUndefined();
    const warnings = siteImages.warnings().filter((w) => w.includes('gone.png'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/_posts\/2024-02-03-pics\.md:7: image \/assets\/img\/gone\.png/);
  });

  it('a posts folder outside a Jekyll site copies nothing', () => {
    const plain = path.join(root, 'notes');
    mkdirSync(plain);
    siteImages.configure(plain, { baseurl: '', permalink: 'date' });
    expect(siteImages.resolve('/assets/img/logo.png', post)).toBeUndefined();
    expect(siteImages.warnings()).toEqual([]);
  });
});

describe('srcset', () => {
  it('rewrites every candidate that is a site image, as src is', () => {
    const site = { url: '', baseurl: '/blog', permalink: '/:year/:month/:day/:title/' };
    siteImages.configure(posts, site);
    const meta: PostMeta = {
      ...post,
      tags: [],
      excerpt: '',
      sessionLevel: 0,
      outline: [],
      readingMinutes: 1,
      problems: [],
    };
    const html = [
      '<img src="/assets/img/logo.png" alt="a"',
      ' srcset="/assets/img/logo.png 1x, /blog/images/photo%20one.JPG 2x, https://x.org/a.png 3x">',
      '<picture><source srcset="../../../../images/photo%20one.JPG 640w"></picture>',
    ].join('');
    const out = createBodySanitiser([meta], site)(meta, [html]).parts[0]!;
    const logo = /assets\/site\/logo-[0-9a-f]{8}\.png/.source;
    const photo = /assets\/site\/photo_one-[0-9a-f]{8}\.jpg/.source;
    expect(out).toMatch(
      new RegExp(
        `srcset="\\.\\./\\.\\./\\.\\./\\.\\./${logo} 1x, \\.\\./\\.\\./\\.\\./\\.\\./${photo} 2x, https://x\\.org/a\\.png 3x"`,
      ),
    );
    expect(out).toMatch(new RegExp(`<source srcset="\\.\\./\\.\\./\\.\\./\\.\\./${photo} 640w">`));
    expect(siteImages.files().map((f) => f.fileName)).toHaveLength(2);
  });
});

describe('a posts folder that is a file', () => {
  it('copies nothing and warns nothing (the posts plugin says what is wrong)', () => {
    const file = path.join(root, 'a-file.md');
    writeFileSync(file, '## x\n');
    siteImages.configure(file, { baseurl: '', permalink: 'date' });
    expect(siteImages.resolve('/assets/img/logo.png', post)).toBeUndefined();
    expect(siteImages.warnings()).toEqual([]);
  });
});
