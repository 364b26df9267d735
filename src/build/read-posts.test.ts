import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analysePost } from '../shared/post.ts';
import { collectGarbage, loadPosts } from './read-posts.ts';

let root: string;
let dir: string;
const post = (title: string, extra = '') => `---\ntitle: ${title}${extra}\n---\n## Talk\n\ntext\n`;

beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'summit-read-'));
  dir = path.join(root, 'posts');
  mkdirSync(dir);
  const w = (name: string, text: string) => writeFileSync(path.join(dir, name), text);
  w('2015-05-01-plain.md', post('Plain'));
  writeFileSync(path.join(root, 'elsewhere.md'), post('Linked'));
  symlinkSync(path.join(root, 'elsewhere.md'), path.join(dir, '2015-05-02-linked.md'));
  symlinkSync(path.join(root, 'missing.md'), path.join(dir, '2015-05-03-dangling.md'));
  symlinkSync('2015-05-04-loop-b.md', path.join(dir, '2015-05-04-loop-a.md'));
  symlinkSync('2015-05-04-loop-a.md', path.join(dir, '2015-05-04-loop-b.md'));
  w('2015-13-45-month.md', post('Month 13'));
  w('0000-00-00-zero.md', post('Zero'));
  w('2015-02-30-feb.md', post('February 30'));
  w('2015-13-46-dated.md', post('Dated by front matter', '\ndate: 2015-06-01'));
  w('2015-05-05-hidden.md', post('Hidden', '\npublished: false'));
  w('2015-05-06-twin.md', post('Twin md'));
  w('2015-05-06-twin.markdown', post('Twin markdown'));
  // "café" with a Latin-1 é (0xE9): not UTF-8.
  writeFileSync(
    Buffer.concat([Buffer.from(`${dir}/2015-05-07-caf`), Buffer.from([0xe9]), Buffer.from('.md')]),
    post('Latin-1 name'),
  );
  writeFileSync(path.join(root, 'a-file'), 'not a folder');
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

const problemsOf = (name: string) =>
  loadPosts(dir).problems.filter((p) => path.basename(p.file) === name);

describe('reading a folder of posts', () => {
  it('a posts folder that is a file: one clear problem, no posts, no throw', () => {
    const file = path.join(root, 'a-file');
    expect(loadPosts(file)).toEqual({
      posts: [],
      skipped: [],
      problems: [
        expect.objectContaining({
          line: 0,
          message: expect.stringMatching(/is a file, not a folder/),
        }),
      ],
    });
    // With drafts too: still one line (no second one for its `_drafts`).
    expect(loadPosts(file, true).problems).toHaveLength(1);
    expect(loadPosts(path.join(root, 'nope')).problems).toEqual([
      expect.objectContaining({ message: 'posts folder not found' }),
    ]);
  });

  it('reads a symlinked post; a dangling link and a loop are named', () => {
    const slugs = loadPosts(dir).posts.map((p) => p.meta.slug);
    expect(slugs).toContain('2015-05-02-linked');
    expect(problemsOf('2015-05-02-linked.md')).toEqual([]);
    expect(problemsOf('2015-05-03-dangling.md')).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(/symbolic link to .*missing\.md, which does not exist/),
      }),
    ]);
    expect(problemsOf('2015-05-04-loop-a.md')).toEqual([
      expect.objectContaining({ message: expect.stringMatching(/symbolic link loop/) }),
    ]);
  });

  it('dates posts as Jekyll does, and leaves out those Jekyll cannot build', () => {
    const { posts } = loadPosts(dir);
    const bySlug = new Map(posts.map((p) => [p.meta.slug, p.meta.date]));
    expect(bySlug.has('2015-13-45-month')).toBe(false);
    expect(bySlug.has('0000-00-00-zero')).toBe(false);
    expect(bySlug.get('2015-02-30-feb')).toBe('2015-03-02');
    expect(bySlug.get('2015-13-46-dated')).toBe('2015-06-01');
    expect(problemsOf('2015-13-45-month.md')).toEqual([
      expect.objectContaining({
        line: 0,
        message: expect.stringMatching(/2015-13-45 is not a date.*left out/),
      }),
    ]);
    expect(problemsOf('0000-00-00-zero.md')).toHaveLength(1);
    expect(problemsOf('2015-02-30-feb.md')).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(/dated 2015-03-02, as Jekyll does/),
      }),
    ]);
    expect(problemsOf('2015-13-46-dated.md')).toEqual([]);
  });

  it('lists published: false as skipped, not as a problem', () => {
    const { posts, skipped } = loadPosts(dir);
    expect(posts.map((p) => p.meta.slug)).not.toContain('2015-05-05-hidden');
    expect(skipped).toEqual([
      { file: expect.stringMatching(/2015-05-05-hidden\.md$/), reason: 'published: false' },
    ]);
    expect(problemsOf('2015-05-05-hidden.md')).toEqual([]);
  });

  it('names both files that share a slug, and which is kept', () => {
    expect(problemsOf('2015-05-06-twin.md')).toEqual([
      expect.objectContaining({
        message:
          '2015-05-06-twin.markdown and 2015-05-06-twin.md have the same slug "2015-05-06-twin": 2015-05-06-twin.markdown is kept, this one is left out',
      }),
    ]);
  });

  it('reads a file whose name is not UTF-8, and says so', () => {
    const { posts, problems } = loadPosts(dir);
    const cafe = posts.find((p) => p.meta.title === 'Latin-1 name');
    expect(cafe?.meta.slug).toBe('2015-05-07-café');
    expect(problems.filter((p) => p.file.endsWith('café.md'))).toEqual([
      expect.objectContaining({
        line: 0,
        message: 'the file name is not UTF-8 (byte 0xE9); read as Latin-1: "2015-05-07-café.md"',
      }),
    ]);
  });
});

describe('memory', () => {
  it("a post's meta keeps none of its text alive (heading texts were slices of it)", () => {
    // About 5 MB of heap as text (2,400,000 CJK characters), in 5 talks.
    const talk = (i: number) =>
      `## Talk ${i} about the cloud\n\n${'云计算的升级方案'.repeat(60_000)}\n\n`;
    const source = `---\ntitle: Big\n---\n${[0, 1, 2, 3, 4].map(talk).join('')}`;
    analysePost('2015-05-01-warm.md', talk(0).slice(0, 2_000)); // code compiled once
    collectGarbage();
    const before = process.memoryUsage().heapUsed;
    let post: ReturnType<typeof analysePost> | undefined = analysePost('2015-05-01-big.md', source);
    const { meta } = post;
    post = undefined;
    collectGarbage();
    expect(meta.outline).toHaveLength(5);
    // The text is the test's own (`source`); the Markdown made from it (5 MB) must go.
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(2_500_000);
  });
});
