import { build } from 'vite';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { pathToFileURL } from 'node:url';
import { generatePosts, vocabulary } from '/work/wt-search/scripts/bench/corpus.mjs';
const root = '/work/wt-search';
await build({ configFile: false, root, logLevel: 'warn', build: { outDir: '/work/wt-search/node_modules/.summit-bench', emptyOutDir: true, target: 'node20', minify: false, ssr: path.join(root, 'scripts/bench/search-node.ts'), rollupOptions: { output: { format: 'es', entryFileNames: 'node.mjs' } } } });
const lib = await import('/work/wt-search/node_modules/.summit-bench/node.mjs');
const vocab = vocabulary(readFileSync(root + '/posts/2015-05-19-Vancouver-Summit-2015-Second-Day.md', 'utf8'));
const n = Number(process.argv[2] ?? 10000);
const posts = generatePosts(vocab, n);
const docs = posts.flatMap((p) => lib.analysePost(p.name, p.markdown).sections);
const rows = lib.buildSearchRows(docs);
const single = JSON.stringify(rows);
console.log('sections', docs.length, 'single raw', single.length, 'gzip', gzipSync(single).length);
for (const [sb, chunk] of [[10, 1]]) {
  const t0 = performance.now();
  const f = lib.buildSearchFiles(rows, { shardBits: sb, chunk, inline: false });
  const t1 = performance.now();
  const gz = new Map();
  let tot = 0, totgz = 0;
  for (const [k, v] of f.files) { const g = gzipSync(v).length; gz.set(k, g); tot += v.length; totgz += g; }
  const url = 'http://x/a/index.json';
  const got = [];
  const engine = new lib.SearchEngine(url, async (u) => { got.push(u.split('/').pop()); return new Response(f.files.get(u.split('/').pop())); });
  const per = [];
  for (const q of ['Ralley', '升级', 'vmware 集群', 'Integrated OpenStack certification at Scale upgrade Havana Juno', '云']) {
    got.length = 0;
    const e2 = new lib.SearchEngine(url, async (u) => { got.push(u.split('/').pop()); return new Response(f.files.get(u.split('/').pop())); });
    await e2.search(q, 8);
    const bytes = got.reduce((s, k) => s + gz.get(k), 0);
    const sh = got.filter((k) => k.startsWith('s')).length, ch = got.filter((k) => k.startsWith('c')).length;
    per.push(`${q.slice(0, 10)}: ${sh}s ${ch}c ${(bytes / 1e3).toFixed(0)}KB`);
  }
  console.log(`sb=${sb} chunk=${chunk} build ${(t1 - t0).toFixed(0)}ms files ${f.files.size} raw ${(tot / 1e6).toFixed(1)}MB gz ${(totgz / 1e6).toFixed(2)}MB manifest gz ${(gz.get('index.json') / 1e3).toFixed(0)}KB shard avg gz ${((totgz) / 1e3 / f.files.size).toFixed(1)}`);
  console.log('   ', per.join(' | '));
}
{
  const f = lib.buildSearchFiles(rows, { shardBits: 10, chunk: 2, inline: false });
  const m = f.manifest;
  for (const [a, b] of [['r','a'],['a','l'],['l','l'],['l','e'],['e','y']]) {
    const h = Math.imul((a.charCodeAt(0) << 16) | b.charCodeAt(0), 0x9e3779b1) >>> 0;
    const s = h >>> 22;
    const sh = f.files.get(`s${s}.json`);
    const j = JSON.parse(sh);
    console.log(a+b, 'shard', s, 'raw', sh.length, 'gz', gzipSync(sh).length, 'flat lens', j.t.map((x) => x.length), 'dense', j.d.map((x) => x.length));
  }
}
