import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  BodyFileError,
  partClose,
  partOpen,
  partsEnd,
  partsFile,
  partsMeta,
  readBodyFile,
  readParts,
} from './page-parts.ts';

const NONCE = '0f1e2d3c4b5a69788796a5b4';
const page = (parts: string[], nonce = NONCE) =>
  `<!doctype html><head>${partsMeta(nonce)}<title>t</title></head><body><h1>t</h1>` +
  parts
    .map((p) => `<div class="post-part">${partOpen(nonce)}${p}${partClose(nonce)}</div>`)
    .join('') +
  '</body>';

describe('readParts', () => {
  it('cuts out every part, in order, as it was written', () => {
    const parts = [
      '<h2 id="a">A</h2><p>x &lt; y</p>',
      '',
      '<h3 id="b">B</h3>\n<pre><code>&lt;!--x--&gt;</code></pre>',
    ];
    expect(readParts(page(parts))).toEqual(parts);
  });

  it('is not fooled by markers of another nonce inside a part', () => {
    const forged = `${partClose('deadbeefdeadbeef')}<img src=x onerror=alert(1)>${partOpen('deadbeefdeadbeef')}`;
    const parts = [`<p title="${forged}">text</p>`];
    expect(readParts(page(parts))).toEqual(parts);
  });

  it('finds nothing in a page that is not a post, or one cut short', () => {
    expect(readParts('<!doctype html><head></head><body>library</body>')).toBeUndefined();
    const whole = page(['<p>a</p>', '<p>b</p>']);
    expect(readParts(whole.slice(0, whole.lastIndexOf(partClose(NONCE))))).toBeUndefined();
    expect(readParts(page(['<p>a</p>'], 'not-hex'))).toBeUndefined();
  });
});

describe('partsFile', () => {
  it('holds the parts alone, which readParts gives back as they were', () => {
    const parts = ['<h2 id="a">A</h2><p>x &lt; y</p>', '', '<p>b</p>'];
    const file = partsFile(parts, NONCE);
    expect(readParts(file)).toEqual(parts);
    expect(file).not.toContain('<script');
    expect(file).not.toContain('<title');
  });
});

describe('readBodyFile', () => {
  const parts = ['<h2 id="a">A</h2><p>x &lt; y — 中文</p>', '', '<p>b</p>'];
  const file = partsFile(parts, NONCE);
  const plain = new TextEncoder().encode(file);
  const stored = new Uint8Array(gzipSync(file, { level: 6 }));
  const URL = 'assets/posts/0123456789abcdef.htmlz';

  it('inflates a stored (gzip) body file', async () => {
    expect(await readBodyFile(stored, URL)).toEqual(parts);
  });

  it('reads one a host inflated on the way (no gzip header) as it is', async () => {
    expect(await readBodyFile(plain, URL)).toEqual(parts);
  });

  it('rejects a gzip file cut short, or corrupt, naming the file', async () => {
    const cut = stored.slice(0, stored.length - 12);
    await expect(readBodyFile(cut, URL)).rejects.toThrow(BodyFileError);
    await expect(readBodyFile(cut, URL)).rejects.toThrow(/cut short or corrupt.*0123456789abcdef/);
    const corrupt = stored.slice();
    corrupt.fill(0x55, 20, 40);
    await expect(readBodyFile(corrupt, URL)).rejects.toThrow(/cut short or corrupt/);
  });

  it('rejects a plain file cut short, even between two parts (no end marker)', async () => {
    const betweenParts = file.slice(0, file.lastIndexOf(partOpen(NONCE)));
    expect(readParts(betweenParts)).toEqual(parts.slice(0, 2));
    await expect(readBodyFile(new TextEncoder().encode(betweenParts), URL)).rejects.toThrow(
      /cut short or corrupt.*0123456789abcdef/,
    );
    const inPart = plain.slice(0, plain.length - 30);
    await expect(readBodyFile(inPart, URL)).rejects.toThrow(BodyFileError);
    await expect(readBodyFile(new Uint8Array(0), URL)).rejects.toThrow(BodyFileError);
  });

  it("the end marker is the file's last bytes", () => {
    expect(file.endsWith(partsEnd(NONCE))).toBe(true);
  });
});
