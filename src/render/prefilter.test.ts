import { describe, expect, it } from 'vitest';
import { stripInlineCode } from './prefilter.ts';

describe('stripInlineCode', () => {
  it.each([
    ['<p style="color:red">a</p>', '<p>a</p>'],
    ['<p title="x" STYLE=color:red id=a>a</p>', '<p title="x" id=a>a</p>'],
    ["<p style='a' class=b>", '<p class=b>'],
    ['<p/style="x">', '<p>'],
    ['<p style>', '<p>'],
    ['<p style = "x" >', '<p >'],
    ['<br/>', '<br/>'],
    ['<img src=x style=a/>', '<img src=x>'], // the value is "a/"
    ['a<style>p{}</style>b', 'ab'],
    ['a<STYLE media="x>y">p{}</style >b', 'ab'],
    ['a<style>never closed', 'a'],
    ['<svg><style>x{}</style><circle style="x"/></svg>', '<svg><circle/></svg>'],
    ['<style-x>custom</style-x>', '<style-x>custom</style-x>'],
    ['<img src=x onerror=alert(1) ONLOAD="a" one=1>', '<img src=x>'],
    ['a<base href="https://example.com/">b<BASE target=_top/>', 'ab'],
    ['<p title="onclick=x" data-on="y">', '<p title="onclick=x" data-on="y">'],
    ['<p title="a>b" style="x">', '<p title="a>b">'],
  ])('%s', (input, output) => {
    expect(stripInlineCode(input)).toBe(output);
  });

  it('leaves text, comments and raw text alone', () => {
    for (const html of [
      'the style is &lt;p style="x"&gt;',
      '<!-- <p style="x"> -->',
      '<textarea><p style="x"></textarea>',
      '<script>"<p style=x>"</script>',
      '<code>&lt;style&gt;</code>',
    ]) {
      expect(stripInlineCode(html)).toBe(html);
    }
  });

  it('does not lose track after a comment that hides a quote', () => {
    expect(stripInlineCode('<!-- <p title=" --><p style="color:red">x</p>')).toBe(
      '<!-- <p title=" --><p>x</p>',
    );
  });

  it('is linear on long inputs', () => {
    const html = '<p style="x">a</p>'.repeat(100_000);
    const out = stripInlineCode(html);
    expect(out === '<p>a</p>'.repeat(100_000)).toBe(true);
  });
});
