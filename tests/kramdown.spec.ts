import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures.ts';
import { corpusSite, PNG, type CorpusSite } from './site.ts';

/**
 * kramdown's extras in the built site, read in real Chromium: a small Jekyll site (`blog/`,
 * with `_posts`, `_config.yml` and its own `assets/`) is built and served under a sub-path.
 * Attribute lists, `{:toc}`, footnotes, definition lists, abbreviations, math as MathML, and
 * the site's own images copied into the build.
 */

let fixture: CorpusSite | undefined;
let site = '';

test.describe.configure({ mode: 'default' });
test.use({ serviceWorkers: 'block' });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  fixture = await corpusSite(
    'kd',
    (posts, root) => {
      const blog = path.join(root, 'blog');
      writeFileSync(
        path.join(blog, '_config.yml'),
        'title: A kramdown blog\nlang: en\nbaseurl: /blog\nurl: https://blog.example\n',
      );
      mkdirSync(path.join(blog, 'assets'));
      writeFileSync(path.join(blog, 'assets', 'dot.png'), PNG);
      writeFileSync(
        path.join(posts, '2024-03-01-extras.md'),
        [
          '---',
          'title: Extras',
          '---',
          '* TOC',
          '{:toc}',
          '',
          '## First part',
          '',
          'A claim[^1] with a note.',
          '{: .notice--info}',
          '',
          'The HTML spec.',
          '',
          'Term',
          ': Its definition.',
          '',
          '## Second part',
          '',
          'Euler: $$e^{i\\pi} + 1 = 0$$ and $$a_1 * b_2$$.',
          '',
          '$$',
          '\\sum_{k=1}^{n} k',
          '- 1',
          '$$',
          '',
          '![A dot]({{ site.baseurl }}/assets/dot.png) ![Also](/assets/dot.png)',
          '',
          '[^1]: The note, with *emphasis*.',
          '',
          '*[HTML]: HyperText Markup Language',
          '',
        ].join('\n'),
      );
      // A missing image, in a post of its own (opening it would log the 404).
      writeFileSync(
        path.join(posts, '2024-03-02-missing.md'),
        '---\ntitle: Missing\n---\n\n## Pictures\n\n![Missing](/assets/none.png)\n',
      );
    },
    'blog/_posts',
  );
  site = fixture.url;
});

test.afterAll(() => fixture?.close());

// The post's page: no permalink in the config, so Jekyll's `date` style places it.
const open = '2024/03/01/extras.html';

test('{:toc} is the post table of contents; its links reach the headings', async ({ page }) => {
  await page.goto(`${site}${open}`);
  const toc = page.locator('.post-body ul#user-content-markdown-toc');
  await expect(toc.locator('li')).toHaveCount(2);
  await expect(toc.locator('a')).toHaveText(['First part', 'Second part']);
  await expect(page.locator('.post-body')).not.toContainText('TOC');
  await toc.getByRole('link', { name: 'Second part' }).click();
  await expect(page).toHaveURL(/\/2024\/03\/01\/extras\.html#second-part$/);
  await expect(page.locator('h2#second-part')).toBeInViewport();
});

test('attribute lists give classes from the short list; footnotes link both ways', async ({
  page,
}) => {
  await page.goto(`${site}${open}`);
  const body = page.locator('.post-body');
  await expect(body.locator('p.notice--info')).toContainText('A claim');
  await expect(body).not.toContainText('{:');
  const ref = body.locator('sup#user-content-fnref\\:1 a.footnote');
  await expect(ref).toHaveText('1');
  await ref.click();
  await expect(page).toHaveURL(/#user-content-fn%3A1$/);
  const note = body.locator('li#user-content-fn\\:1');
  await expect(note).toBeInViewport();
  await expect(note.locator('em')).toHaveText('emphasis');
  await note.locator('a.reversefootnote').click();
  await expect(page).toHaveURL(/#user-content-fnref%3A1$/);
  await expect(body.locator('sup#user-content-fnref\\:1')).toBeInViewport();
});

test('definition lists and abbreviations', async ({ page }) => {
  await page.goto(`${site}${open}`);
  const body = page.locator('.post-body');
  await expect(body.locator('dl dt')).toHaveText('Term');
  await expect(body.locator('dl dd')).toHaveText('Its definition.');
  await expect(body.locator('abbr[title="HyperText Markup Language"]')).toHaveText('HTML');
});

test('math is MathML, inline and display, and its TeX is never Markdown', async ({ page }) => {
  await page.goto(`${site}${open}`);
  const body = page.locator('.post-body');
  await expect(body.locator('p math')).toHaveCount(2);
  await expect(body.locator('math[display="block"]')).toHaveCount(1);
  await expect(body.locator('math[display="block"] munderover')).toHaveCount(1);
  // `a_1 * b_2` is subscripts, not emphasis; the `- 1` line is not a list item.
  await expect(body.locator('p math msub')).toHaveCount(2);
  await expect(body.locator('em')).toHaveCount(1);
  await expect(body.locator('ul:not(#user-content-markdown-toc) li')).toHaveCount(0);
  // Chromium lays MathML out: the display formula has a real size.
  const box = await body.locator('math[display="block"]').boundingBox();
  expect(box!.height).toBeGreaterThan(10);
});

test('the site own images are copied, hashed, and load at the sub-path', async ({ page }) => {
  await page.goto(`${site}${open}`);
  const images = page.locator('.post-body img[alt="A dot"], .post-body img[alt="Also"]');
  await expect(images).toHaveCount(2);
  for (const img of await images.all()) {
    await expect(img).toHaveAttribute(
      'src',
      /^\.\.\/\.\.\/\.\.\/assets\/site\/dot-[0-9a-f]{8}\.png$/,
    );
    await expect
      .poll(() => img.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth))
      .toBe(1);
  }
  const dist = path.join(fixture!.root, 'site', 'kd', 'assets', 'site');
  expect(readdirSync(dist)).toEqual([expect.stringMatching(/^dot-[0-9a-f]{8}\.png$/)]);
  // The missing one: one warning with the post's file and line; its address is kept.
  const warnings = fixture!.log.split('\n').filter((l) => l.includes('none.png'));
  expect(warnings).toHaveLength(1);
  expect(warnings[0]).toContain('2024-03-02-missing.md:7: image /assets/none.png');
});
