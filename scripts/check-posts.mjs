#!/usr/bin/env node
// Checks a folder of posts with the build's own pipeline (loadPosts in src/build/posts-plugin.ts)
// and prints one line per problem, `file:line: message`, then a summary.
//   npm run check:posts                    # $POSTS_DIR, else posts/
//   npm run check:posts -- path/to/_posts  # any folder
// Posts left out on purpose (`published: false`) are listed as skipped: not problems.
// Exits 1 when any post has a problem, 0 when none has.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runnerImport } from 'vite';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const arg = process.argv.slice(2).find((a) => !a.startsWith('-'));
// Like the build: $POSTS_DIR is relative to the project; an argument to where you are.
const dir = arg ? path.resolve(arg) : path.resolve(root, process.env.POSTS_DIR ?? 'posts');
const drafts = process.env.POSTS_DRAFTS === '1';

// The pipeline is TypeScript: Vite's module runner loads it as the build does.
/** @type {{ module: typeof import('../src/build/posts-plugin.ts') }} */
const { module: pipeline } = await runnerImport(path.join(root, 'src/build/posts-plugin.ts'), {
  configFile: false,
  root,
  logLevel: 'error',
});

const { posts, problems, skipped } = pipeline.loadPosts(dir, drafts);
for (const problem of problems) console.log(pipeline.formatProblem(problem));
for (const s of skipped) console.log(`${s.file}: skipped (${s.reason})`);
const files = new Set(problems.map((p) => p.file)).size;
const plural = (/** @type {number} */ n, /** @type {string} */ word) =>
  `${n} ${n === 1 ? word : `${word}s`}`;
const read = `${plural(posts.length, 'post')} read from ${dir}${skipped.length ? `, ${skipped.length} skipped` : ''}`;
if (problems.length > 0) {
  console.log(
    `check:posts: ${plural(problems.length, 'problem')} in ${plural(files, 'file')}; ${read}`,
  );
  process.exitCode = 1;
} else {
  console.log(`check:posts: no problems; ${read}`);
}
