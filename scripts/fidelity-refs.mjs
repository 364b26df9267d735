#!/usr/bin/env node
// Regenerates the fidelity suite's reference HTML (tests/fidelity/<set>/refs/<post>.html) with
// Jekyll itself (Debian's jekyll 4.3.1 + kramdown 2.4: `apt-get install -y jekyll`).
//
// Each set (tests/fidelity/<set>/ with a _posts folder and a _config.yml) is copied to a
// temporary site with empty layouts that print only `{{ content }}`, an empty file for every
// include the posts name that the set does not have, and one page that maps each post's path
// to its URL. `npm test` compares with the committed output and needs no Ruby.
//
//   npm run fidelity:refs            # every set
//   npm run fidelity:refs -- hux-blog
import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'tests', 'fidelity');
const only = process.argv.slice(2);
const sets = readdirSync(root).filter(
  (d) => existsSync(path.join(root, d, '_posts')) && (only.length === 0 || only.includes(d)),
);

const MAP_PAGE = `---
layout: null
---
{ {% for p in site.posts %}{{ p.path | jsonify }}: {{ p.url | jsonify }}{% unless forloop.last %},
{% endunless %}{% endfor %} }
`;

try {
  execFileSync('jekyll', ['--version'], { stdio: 'ignore' });
} catch {
  console.error('jekyll is not installed: apt-get install -y jekyll');
  process.exit(1);
}

for (const set of sets) {
  const src = path.join(root, set);
  const site = mkdtempSync(path.join(tmpdir(), `fidelity-${set}-`));
  cpSync(path.join(src, '_posts'), path.join(site, '_posts'), { recursive: true });
  if (existsSync(path.join(src, '_includes')))
    cpSync(path.join(src, '_includes'), path.join(site, '_includes'), { recursive: true });
  writeFileSync(path.join(site, '_config.yml'), readFileSync(path.join(src, '_config.yml')));
  const layouts = new Set(['default', 'post', 'page']);
  const posts = readdirSync(path.join(src, '_posts'));
  for (const name of posts) {
    const text = readFileSync(path.join(src, '_posts', name), 'utf8');
    const layout = /^layout:\s*["']?([\w-]+)/m.exec(text);
    if (layout) layouts.add(layout[1]);
    for (const m of text.matchAll(/\{%-?\s*include\s+([^\s%{]+)/g)) {
      const file = path.join(site, '_includes', m[1]);
      if (!existsSync(file)) {
        mkdirSync(path.dirname(file), { recursive: true });
        writeFileSync(file, '');
      }
    }
  }
  mkdirSync(path.join(site, '_layouts'), { recursive: true });
  for (const l of layouts) writeFileSync(path.join(site, '_layouts', `${l}.html`), '{{ content }}');
  writeFileSync(path.join(site, 'fidelity-map.json'), MAP_PAGE);

  execFileSync('jekyll', ['build', '--quiet', '-s', site, '-d', path.join(site, '_site')], {
    stdio: 'inherit',
    env: { ...process.env, JEKYLL_ENV: 'production', TZ: 'UTC' },
  });
  const map = JSON.parse(readFileSync(path.join(site, '_site', 'fidelity-map.json'), 'utf8'));
  const refs = path.join(src, 'refs');
  rmSync(refs, { recursive: true, force: true });
  mkdirSync(refs);
  let n = 0;
  for (const [postPath, url] of Object.entries(map)) {
    let out = path.join(site, '_site', decodeURIComponent(url));
    if (url.endsWith('/')) out = path.join(out, 'index.html');
    const base = path.basename(postPath).replace(/\.(md|markdown)$/, '');
    writeFileSync(path.join(refs, `${base}.html`), readFileSync(out, 'utf8'));
    n++;
  }
  console.log(`${set}: ${n} of ${posts.length} posts`);
  rmSync(site, { recursive: true, force: true });
}
