import { spawn, spawnSync } from 'node:child_process';

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
