import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Plugin } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED, SEED_NAME } from '../../tests/seed.ts';
import { decodeCatalog, type CompactPost } from '../shared/catalog-codec.ts';
import { CATALOG_ID } from './virtual-ids.ts';
import {
  bodyMaker,
  firstNonUtf8Line,
  formatProblem,
  loadPosts,
  postsPlugin,
} from './posts-plugin.ts';

let dir: string;
const write = (name: string, content: string | Uint8Array) => {
  mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
  writeFileSync(path.join(dir, name), content);
};
const post = (title: string, body = '## Talk\n\ntext\n', extra = '') =>
  `---\ntitle: ${title}${extra}\n---\n${body}`;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'summit-posts-'));
  write(SEED_NAME, SEED);
  write('2015-06-01-newer.md', post('Newer'));
  write('2014-01-01-older.markdown', post('Older'));
  write('2015-05-19-same-day-later.md', post('Later', undefined, '\ndate: 2015-05-19 23:59'));
  write('notes.txt', post('Not a post'));
  write('README', post('Not a post'));
  write('.2016-01-01-hidden.md', post('Hidden'));
  write('sub/2016-01-01-in-sub.md', post('In a sub-folder'));
  write('_drafts/idea.md', post('Draft idea'));
  write('2015-07-01-unpublished.md', post('Unpublished', undefined, '\npublished: false'));
  write('2015-07-02-unpublished-no.md', post('Unpublished too', undefined, '\npublished: no'));
  write('2013-01-01-dup.md', post('Dup md'));
  write('2013-01-01-dup.markdown', post('Dup markdown'));
  write('2012-01-01-bad-yaml.md', '---\ntitle: ok\nfoo: bar: baz\n---\n## Talk\n');
  write('2012-01-02-unterminated.md', '---\ntitle: open\n\n## Talk\n');
  write('2012-01-03-empty.md', '');
  write('2012-01-04-no-headings.md', '---\ntitle: flat\n---\njust text\n');
  write(
    '2012-01-05-latin1.md',
    Buffer.concat([Buffer.from('## Talk\n\ncaf'), Buffer.from([0xe9]), Buffer.from('\n')]),
  );
  write('2012-01-06-nul.md', '## Talk\n\nx\0y\n');
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('loadPosts', () => {
  it('reads .md and .markdown files only, not sub-folders or drafts', () => {
    const { posts } = loadPosts(dir);
    const slugs = posts.map((p) => p.meta.slug);
    expect(slugs).toContain('2014-01-01-older');
    expect(slugs).toContain(SEED_NAME.replace(/\.md$/, ''));
    expect(slugs).not.toContain('notes');
    expect(slugs).not.toContain('README');
    expect(slugs.some((s) => s.includes('hidden'))).toBe(false);
    expect(slugs.some((s) => s.includes('in-sub'))).toBe(false);
    expect(slugs).not.toContain('idea');
  });

  it('reads _drafts only when asked', () => {
    const { posts } = loadPosts(dir, true);
    const draft = posts.find((p) => p.meta.slug === 'idea');
    expect(draft?.meta.title).toBe('Draft idea');
    expect(draft?.meta.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('leaves out unpublished posts', () => {
    const slugs = loadPosts(dir).posts.map((p) => p.meta.slug);
    expect(slugs).not.toContain('2015-07-01-unpublished');
    expect(slugs).not.toContain('2015-07-02-unpublished-no');
  });

  it('lists posts newest first, by time of day within a day', () => {
    const { posts } = loadPosts(dir);
    const dated = posts.map((p) => `${p.meta.date} ${p.meta.slug}`);
    expect(dated.slice(0, 3)).toEqual([
      '2015-06-01 2015-06-01-newer',
      '2015-05-19 2015-05-19-same-day-later',
      '2015-05-19 2015-05-19-Vancouver-Summit-2015-Second-Day',
    ]);
    const dates = posts.map((p) => p.meta.date);
    expect(dates).toEqual([...dates].sort().reverse());
  });

  it('reports duplicate slugs and keeps one of them', () => {
    const { posts, problems } = loadPosts(dir);
    expect(posts.filter((p) => p.meta.slug === '2013-01-01-dup')).toHaveLength(1);
    const dup = problems.filter((p) => p.message.includes('2013-01-01-dup'));
    expect(dup).toHaveLength(1);
    expect(dup[0]!.file).toMatch(/2013-01-01-dup\.(md|markdown)$/);
    expect(dup[0]!.line).toBe(1);
  });

  it('lists every broken post, with its problems naming file and line', () => {
    const { posts, problems } = loadPosts(dir);
    const expected: [string, number, RegExp][] = [
      ['2012-01-01-bad-yaml', 3, /not valid YAML/],
      ['2012-01-02-unterminated', 1, /never closed/],
      ['2012-01-03-empty', 1, /empty/],
      ['2012-01-04-no-headings', 4, /no headings/],
      ['2012-01-05-latin1', 3, /UTF-8/],
      ['2012-01-06-nul', 3, /NUL/],
    ];
    for (const [slug, line, message] of expected) {
      expect(
        posts.map((p) => p.meta.slug),
        slug,
      ).toContain(slug);
      const mine = problems.filter((p) => path.basename(p.file).startsWith(slug));
      expect(mine, slug).toEqual([
        expect.objectContaining({ line, message: expect.stringMatching(message) }),
      ]);
      expect(formatProblem(mine[0]!)).toMatch(new RegExp(`${slug}\\.md:${line}: `));
    }
    const latin1 = posts.find((p) => p.meta.slug === '2012-01-05-latin1')!;
    expect(latin1.body.markdown).toContain('caf\uFFFD');
    const badYaml = posts.find((p) => p.meta.slug === '2012-01-01-bad-yaml')!;
    expect(badYaml.meta.problems).toHaveLength(1);
  });

  it('reports no problems for good posts, but the seed include with no _includes beside it', () => {
    const { problems } = loadPosts(dir);
    const good = problems.filter((p) => !/^2012-|^2013-01-01-dup/.test(path.basename(p.file)));
    expect(good.map(formatProblem)).toEqual([
      expect.stringMatching(
        new RegExp(
          `${SEED_NAME}:7: include JB/setup: this posts folder has no _includes beside it`,
        ),
      ),
    ]);
  });

  it('does not throw for a missing folder', () => {
    const { posts, problems } = loadPosts(path.join(dir, 'nope'));
    expect(posts).toEqual([]);
    expect(problems).toHaveLength(1);
  });
});

describe('firstNonUtf8Line', () => {
  it('finds the line of the first bad byte', () => {
    expect(firstNonUtf8Line(Buffer.from('a\n中文\n'))).toBe(0);
    expect(firstNonUtf8Line(Buffer.from([0x61, 0x0a, 0x62, 0x0a, 0xc3]))).toBe(3);
    expect(firstNonUtf8Line(Buffer.from([0xff]))).toBe(1);
  });
});

type Hook = (this: unknown, ...args: unknown[]) => unknown;
const hook = (plugin: Plugin, name: 'configResolved' | 'resolveId' | 'load'): Hook => {
  const h = plugin[name] as unknown as Hook | { handler: Hook };
  return typeof h === 'function' ? h : h.handler;
};

describe('postsPlugin', () => {
  const warnings: string[] = [];
  const plugin = postsPlugin({ dir: '.', drafts: false });
  const load = async (id: string) => {
    const resolved = (await hook(plugin, 'resolveId').call({}, id)) as string;
    return (await hook(plugin, 'load').call({}, resolved)) as string;
  };

  beforeAll(async () => {
    await hook(plugin, 'configResolved').call(
      {},
      {
        root: dir,
        logger: { warn: (m: string) => warnings.push(m) },
      },
    );
  });

  it('serves a catalog of metadata without post bodies', async () => {
    const code = await load(CATALOG_ID);
    // The module itself, evaluated as the browser would.
    const mod = (await import(`data:text/javascript,${encodeURIComponent(code)}`)) as {
      posts: CompactPost[];
    };
    const catalog = decodeCatalog(mod.posts);
    // The bodies are in the posts' pages, not in the catalog, nor in files of their own.
    expect(Object.keys(mod)).toEqual(['posts']);
    const seed = catalog.find((p) => p.slug === SEED_NAME.replace(/\.md$/, ''))!;
    expect(seed.title).toBe('Vancouver Summit 2015 Second Day');
    expect(seed.outline.filter((o) => o.session)).toHaveLength(8);
    expect(Object.keys(seed).sort()).toEqual(
      [
        'slug',
        'title',
        'date',
        'tags',
        'categories',
        'excerpt',
        'sessionLevel',
        'outline',
        'readingMinutes',
        'problems',
      ].sort(),
    );
    expect(code).not.toContain('\\"parts\\"');
    expect(code).not.toContain('说实话比会场提供的午餐好吃太多');
    expect(code).not.toContain('Subbu Allamaraju');
  });

  it('makes each body: HTML made and sanitised at build time, in parts, with the outline ids', () => {
    const { posts } = loadPosts(dir);
    const body = bodyMaker(posts)(posts.find((p) => p.meta.title === 'Newer')!);
    expect(body).toEqual({ parts: ['<h2 id="talk">Talk</h2>\n<p>text</p>\n'] });
  });

  it('warns once per problem, naming file and line', async () => {
    await load(CATALOG_ID);
    await load(CATALOG_ID);
    const { problems } = loadPosts(dir);
    expect(warnings).toHaveLength(problems.length);
    for (const w of warnings) expect(w).toMatch(/^\[summit\] \S+\.(md|markdown):\d+: /);
  });

  it('ignores other modules', async () => {
    expect(await hook(plugin, 'resolveId').call({}, 'virtual:other')).toBeUndefined();
    expect(await hook(plugin, 'load').call({}, '/src/main.ts')).toBeUndefined();
  });
});
