import { describe, expect, it } from 'vitest';
import { partClose, partOpen, partsFile, partsMeta, readParts } from './page-parts.ts';

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
