import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Every file under `dir`, at any depth (paths joined to `dir`). */
/** A 1×1 PNG, for the sites' own images. */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

export function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? filesUnder(path.join(dir, d.name)) : [path.join(dir, d.name)],
  );
}

/** Builds the app from a folder of posts into `outDir` (a real `vite build`); returns its log. */
export function buildSite(postsDir: string, outDir: string): string {
  const out = spawnSync('npx', ['vite', 'build', '--outDir', outDir, '--emptyOutDir'], {
    env: { ...process.env, POSTS_DIR: postsDir },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (out.status !== 0) throw new Error(`build failed: ${out.stderr}`);
  return `${out.stdout}\n${out.stderr}`;
}

/** Serves a folder with the plain static server (scripts/serve.mjs) on a free port. */
export async function serveFolder(dir: string): Promise<{ port: number; close: () => void }> {
  const server = spawn('node', ['scripts/serve.mjs', dir, '--port', '0'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.stdout!.on('data', (chunk: Buffer) => {
      const m = /127\.0\.0\.1:(\d+)/.exec(chunk.toString());
      if (m) resolve(Number(m[1]));
    });
    server.on('exit', () => reject(new Error('the static server exited')));
  });
  return { port, close: () => server.kill() };
}

export interface CorpusSite {
  /** The temporary folder holding the posts and the built site. */
  root: string;
  /** The posts folder the site was built from. */
  posts: string;
  /** The site's address: served at `/<name>/`. */
  url: string;
  /** What the build printed. */
  log: string;
  /** Stops the server and removes the folder. */
  close(): void;
}

/**
 * A fixture site: `write` puts posts into a new temporary folder (`posts` inside `root`, or
 * the given relative path, such as a Jekyll site's `blog/_posts`), which is built with a real
 * `vite build` and served by the plain static server at `/<name>/`.
 */
export async function corpusSite(
  name: string,
  write: (posts: string, root: string) => void,
  postsPath = 'posts',
): Promise<CorpusSite> {
  const root = mkdtempSync(path.join(tmpdir(), `summit-${name}-`));
  const posts = path.join(root, postsPath);
  mkdirSync(posts, { recursive: true });
  write(posts, root);
  const log = buildSite(posts, path.join(root, 'site', name));
  const server = await serveFolder(path.join(root, 'site'));
  return {
    root,
    posts,
    url: `http://127.0.0.1:${server.port}/${name}/`,
    log,
    close: () => {
      server.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
