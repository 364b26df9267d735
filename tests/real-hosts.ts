// Real static servers from the machine, for the tests that need a host's own behaviour: nginx
// (answers several byte ranges in one multipart/byteranges reply) and Python's http.server
// (answers none: the whole file). `.ci/run` installs nginx; python3 is on every machine.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface Host {
  url: string;
  close(): void;
}

/** A free port on 127.0.0.1 (taken and given back). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  await new Promise((r) => server.close(r));
  return typeof address === 'object' && address ? address.port : 0;
}

/** Resolves once something answers on the port; rejects if the process exits first. */
async function ready(child: ChildProcess, port: number, what: string): Promise<void> {
  let exited: string | undefined;
  child.on('exit', (code) => (exited = `${what} exited (${code})`));
  for (let i = 0; i < 100; i++) {
    if (exited) throw new Error(exited);
    try {
      await fetch(`http://127.0.0.1:${port}/`);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  child.kill();
  throw new Error(`${what} did not answer on ${port}`);
}

/** nginx serving `dir`, in the foreground, with its files in a folder of its own. */
export async function nginx(dir: string): Promise<Host> {
  const port = await freePort();
  const home = mkdtempSync(path.join(tmpdir(), 'summit-nginx-'));
  const conf = path.join(home, 'nginx.conf');
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']
    .map((t) => `${t}_temp_path ${path.join(home, t)};`)
    .join(' ');
  writeFileSync(
    conf,
    `daemon off; master_process off; worker_processes 1;
pid ${path.join(home, 'nginx.pid')}; error_log ${path.join(home, 'error.log')};
events { worker_connections 256; }
http {
  access_log off; ${temp}
  types { text/html html; text/javascript js; text/css css; application/json json;
    application/manifest+json webmanifest; image/svg+xml svg; image/png png; }
  default_type application/octet-stream;
  server { listen 127.0.0.1:${port}; root ${dir}; }
}
`,
  );
  const bin = existsSync('/usr/sbin/nginx') ? '/usr/sbin/nginx' : 'nginx';
  const child = spawn(bin, ['-c', conf, '-p', home], { stdio: 'inherit' });
  await ready(child, port, 'nginx');
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => {
      child.kill();
      rmSync(home, { recursive: true, force: true });
    },
  };
}

/** `python3 -m http.server` serving `dir`. */
export async function pythonHttpServer(dir: string): Promise<Host> {
  const port = await freePort();
  const child = spawn(
    'python3',
    ['-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', dir],
    { stdio: 'ignore' },
  );
  await ready(child, port, 'python3 -m http.server');
  return { url: `http://127.0.0.1:${port}/`, close: () => child.kill() };
}
