// Small pieces the benchmarks share: the median, a Node child process, the static server.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** @param {number[]} xs */
export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? /** @type {number} */ (s[mid]) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
};

/**
 * Runs `node ...argv` in the project folder; resolves when it exits with 0.
 * @param {string[]} argv
 * @param {{ env?: NodeJS.ProcessEnv, quiet?: boolean }} [options]
 * @returns {Promise<void>}
 */
export function runNode(argv, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, argv, {
      cwd: root,
      env: options.env ?? process.env,
      stdio: ['ignore', options.quiet ? 'ignore' : 'inherit', 'inherit'],
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${argv.join(' ')} exited with ${code}`)),
    );
  });
}

/**
 * Serves `dir` with scripts/serve.mjs (`args` as it takes them; a free port unless `--port`
 * is given) and resolves with its address once it listens.
 * @param {string} dir @param {string[]} [args]
 * @returns {Promise<{ url: string, stop: () => void }>}
 */
export function startServer(dir, args = []) {
  const port = args.includes('--port') ? [] : ['--port', '0'];
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [path.join(root, 'scripts/serve.mjs'), dir, ...port, ...args],
      { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const timer = setTimeout(() => reject(new Error('the static server did not start')), 15_000);
    child.stdout.on('data', (d) => {
      const m = /at (http:\/\/\S+)/.exec(String(d));
      if (!m) return;
      clearTimeout(timer);
      resolve({ url: /** @type {string} */ (m[1]), stop: () => child.kill() });
    });
    child.on('exit', (code) => reject(new Error(`the static server exited with ${code}`)));
  });
}
