import { describe, expect, it } from 'vitest';
import { analysePost } from '../post.ts';
import { markdownToHtml } from '../markdown.test-helper.ts';
import { blockText } from '../plaintext.ts';
import { lexPost } from '../markdown.ts';
import { ELEMENT_MARKER as E, parseAttributeList } from './attributes.ts';

const html = (md: string) => markdownToHtml(md).html;

describe('attribute lists (IAL/ALD)', () => {
  it('parses classes, ids, key-value pairs and references as kramdown does', () => {
    expect(parseAttributeList(' .a.b #x key="v \\" w" ref')).toEqual({
      classes: ['a', 'b'],
      id: 'x',
      pairs: [['key', 'v " w']],
      refs: ['ref'],
    });
    expect(parseAttributeList('.ref: .warning').classes).toEqual(['ref:', 'warning']);
  });

  it('a block IAL sets the block before it, or after a blank line the block after it', () => {
    expect(html('A paragraph.\n{: .note}')).toBe('<p class="note">A paragraph.</p>\n');
    expect(html('{: .note}\n\nNext.')).toBe('<p class="note">Next.</p>\n');
    expect(html('## Title\n{: .no_toc}')).toBe('<h2 id="title" class="no_toc">Title</h2>\n');
    expect(html('```js\nx\n```\n{: .wide}')).toContain(
      '<pre class="wide"><code class="language-js">',
    );
    expect(html('> quoted\n\n{: .q}\n> next')).toContain('<blockquote class="q">');
  });

  it('a list IAL on the line after the last item sets the list', () => {
    expect(html('* one\n* two\n{: .list-class}')).toBe(
      '<ul class="list-class">\n<li>one</li>\n<li>two</li>\n</ul>\n',
    );
  });

  it('a table IAL on the line after the last row sets the table, and is no row of it', () => {
    // Jekyll 4.3.1: <table class="text-center"> with one body row.
    const out = html('| a | b |\n|---|---|\n| 1 | 2 |\n{: .text-center}');
    expect(out).toContain('<table class="text-center">');
    expect(out.match(/<tr>/g)).toHaveLength(2);
    expect(out).not.toContain('<td></td>');
    // A kramdown table (a footer after |===): the same.
    expect(html('| m | v |\n|---|--:|\n| n | 4 |\n|===|===|\n| t | 4 |\n{: .notice}')).toContain(
      '<table class="notice">',
    );
  });

  it('an ALD is used by name, wherever it is defined', () => {
    expect(html('Text.\n{: ref}\n\n{:ref: .warning #w}')).toBe(
      `<p id="${E}w" class="warning">Text.</p>\n`,
    );
  });

  it('ids are written with the element marker, for the sanitiser to settle', () => {
    expect(html('Para.\n{: #my-id .c}')).toBe(`<p id="${E}my-id" class="c">Para.</p>\n`);
  });

  it('a span IAL sets the span right before it; after text it is dropped', () => {
    expect(html('an *em*{: .x} and `c`{:.y} and ![i](a.png){: .left}')).toBe(
      '<p>an <em class="x">em</em> and <code class="y">c</code> and <img src="a.png" alt="i" class="left"></p>\n',
    );
    expect(html('plain{: .x} text')).toBe('<p>plain text</p>\n');
  });

  it('attribute values are escaped, and nothing of the list shows as text', () => {
    const out = html('P\n{: title="a&quot;<b>" onclick="x"}');
    expect(out).toBe('<p title="a&amp;quot;&lt;b&gt;" onclick="x">P</p>\n');
    expect(html('Inline *em*{:.x} here\n\n{:ref: .cls}\n\n{: .alone}')).not.toContain('{:');
  });
});

describe('{:toc}', () => {
  it('replaces the `* TOC` list with the nested table of contents, by the outline ids', () => {
    const out = html('* TOC\n{:toc}\n\n## First\n\n## Second\n\n### Deeper\n\n## No\n{: .no_toc}');
    expect(out).toContain(
      `<ul id="${E}markdown-toc">\n<li><a id="${E}markdown-toc-first" href="#first">First</a></li>\n` +
        `<li><a id="${E}markdown-toc-second" href="#second">Second</a><ul>\n` +
        `<li><a id="${E}markdown-toc-deeper" href="#deeper">Deeper</a></li>\n</ul>\n</li>\n</ul>\n`,
    );
    expect(out).not.toContain('>No</a>');
    expect(out).not.toContain('TOC');
  });

  it('`1. TOC` gives an ordered list; duplicate headings get the outline ids', () => {
    const out = html('1. TOC\n{:toc}\n\n## A\n\n## A');
    expect(out).toMatch(/^<ol id="[^"]*markdown-toc">/);
    expect(out).toContain('href="#a-1"');
  });
});

describe('footnotes', () => {
  it('writes kramdown markup, numbered by first reference, with links back', () => {
    const out = html('A[^b] and B[^a] and A again[^b].\n\n[^a]: Second.\n[^b]: First *one*.');
    expect(out).toContain(
      `<sup id="${E}fnref:b" role="doc-noteref"><a href="${E}fn:b" class="footnote" rel="footnote">1</a></sup>`,
    );
    expect(out).toContain(`<sup id="${E}fnref:a" role="doc-noteref">`);
    expect(out).toContain(`<sup id="${E}fnref:b:1" role="doc-noteref">`);
    expect(out).toContain('<div class="footnotes" role="doc-endnotes">\n<ol>\n');
    expect(out).toContain(
      `<li id="${E}fn:b" role="doc-endnote">\n<p>First <em>one</em>. <a href="${E}fnref:b" class="reversefootnote" role="doc-backlink">&#8617;</a>`,
    );
    expect(out.indexOf(`fn:b" role`)).toBeLessThan(out.indexOf(`fn:a" role`));
  });

  it('a reference with no definition stays text; an unused definition is left out', () => {
    expect(html('X[^none].\n\n[^unused]: Gone.')).toBe('<p>X[^none].</p>\n');
  });

  it('a definition runs over indented lines and blank lines before them', () => {
    const out = html('Ref[^1].\n\n[^1]: One.\n\n    Two.\n\nAfter.');
    expect(out).toContain('<p>One.</p>\n<p>Two. <a');
    expect(out).toContain('<p>After.</p>');
  });

  it('footnote text is searchable', () => {
    expect(blockText(lexPost('A[^1].\n\n[^1]: Hidden gem.').tokens)).toContain('Hidden gem.');
  });
});

describe('definition lists and abbreviations', () => {
  it('terms, definitions, several of each, joined over blank lines', () => {
    expect(
      html('Term\n: Its definition.\n\nOther term\nAlias\n: First.\n: Second\n  continued.'),
    ).toBe(
      '<dl>\n<dt>Term</dt>\n<dd>Its definition.</dd>\n<dt>Other term</dt>\n<dt>Alias</dt>\n' +
        '<dd>First.</dd>\n<dd>Second\ncontinued.</dd>\n</dl>\n',
    );
  });

  it('a definition after a blank line is a paragraph', () => {
    expect(html('Term\n\n: Defined *here*.')).toBe(
      '<dl>\n<dt>Term</dt>\n<dd>\n<p>Defined <em>here</em>.</p>\n</dd>\n</dl>\n',
    );
  });

  it('a colon line with nothing before it stays a paragraph', () => {
    expect(html(': not a definition')).toBe('<p>: not a definition</p>\n');
  });

  it('abbreviations mark whole words everywhere in the text, never in code', () => {
    expect(
      html('The HTML spec; HTML5 and `HTML` are not.\n\n*[HTML]: HyperText "Markup" Language'),
    ).toBe(
      '<p>The <abbr title="HyperText &quot;Markup&quot; Language">HTML</abbr> spec; HTML5 and <code>HTML</code> are not.</p>\n',
    );
  });
});

describe('math', () => {
  it('inline $$…$$ in a paragraph, display $$…$$ as a block of its own, as MathML', () => {
    const out = html('Euler $$e^{i\\pi}$$ here.\n\n$$\n\\frac{a}{b}\n$$\n\nAfter.');
    expect(out).toMatch(/<p>Euler <math><msup><mi>e<\/mi>.*<\/math> here\.<\/p>/);
    expect(out).toMatch(
      /<math display="block"[^>]*><mfrac><mi>a<\/mi><mi>b<\/mi><\/mfrac><\/math>/,
    );
    expect(out).toContain('<p>After.</p>');
  });

  it('the TeX is never read as Markdown', () => {
    const out = html('Text $$a_1 * b_2 * c_3$$ and _real_ emphasis.\n\n$$\na\n+ b\n- c\n# d\n$$');
    expect(out).not.toMatch(/<li>|<h1|<strong>/);
    expect(out).toContain('<em>real</em>');
    expect(out.match(/<em>/g)).toHaveLength(1);
  });

  it('display math that does not end its block is inline', () => {
    expect(html('$$x$$ and text')).toMatch(/^<p><math>/);
  });

  it('TeX that does not parse is shown as written, with a problem at its line', () => {
    const post = analysePost(
      '2024-01-01-bad-math.md',
      '---\ntitle: t\n---\n\n## H\n\nBad $$\\frac{$$ here.\n',
    );
    expect(post.body.parts.join('')).toContain('<code>$$\\frac{$$</code>');
    expect(post.problems).toEqual([
      expect.objectContaining({ file: '2024-01-01-bad-math.md', line: 7 }),
    ]);
    expect(post.problems[0]!.message).toMatch(/TeX that does not parse/);
  });

  it('typography never touches math', () => {
    const post = analysePost('2024-01-01-m.md', "It's $$a--b'$$ ok.");
    expect(post.body.parts.join('')).toContain('<mo>−</mo>');
    expect(post.body.parts.join('')).toContain('It’s');
  });
});

describe('kramdown tables', () => {
  it('a table with no header row', () => {
    expect(html('| x | y |\n| 3 | 4 |')).toBe(
      '<table>\n<tbody>\n<tr>\n<td>x</td>\n<td>y</td>\n</tr>\n<tr>\n<td>3</td>\n<td>4</td>\n</tr>\n</tbody>\n</table>\n',
    );
  });

  it('a header, a footer after |===, more bodies after |---, alignment', () => {
    const out = html(
      '| h1 | h2 |\n|:---|---:|\n| c1 | `a|b` |\n|----|----|\n| c2 | c3 |\n|====|====|\n| f1 | *f2* |',
    );
    expect(out).toBe(
      '<table>\n<thead>\n<tr>\n<th align="left">h1</th>\n<th align="right">h2</th>\n</tr>\n</thead>\n' +
        '<tbody>\n<tr>\n<td align="left">c1</td>\n<td align="right"><code>a|b</code></td>\n</tr>\n</tbody>\n' +
        '<tbody>\n<tr>\n<td align="left">c2</td>\n<td align="right">c3</td>\n</tr>\n</tbody>\n' +
        '<tfoot>\n<tr>\n<td align="left">f1</td>\n<td align="right"><em>f2</em></td>\n</tr>\n</tfoot>\n</table>\n',
    );
  });

  it('a plain GFM table stays marked own', () => {
    expect(html('| a | b |\n|---|---|\n| 1 | 2 |')).toContain('<thead>\n<tr>\n<th>a</th>');
  });

  it('cell text is searchable', () => {
    expect(blockText(lexPost('| findme | y |\n| 3 | 4 |').tokens)).toContain('findme');
  });
});

describe('guillemets', () => {
  it('<<word>> is «word», never an HTML tag; code keeps it', () => {
    const body = (md: string) => analysePost('2024-01-01-g.md', md).body.parts.join('');
    expect(body('A range 1--2 and <<guillemets>>.')).toBe('<p>A range 1–2 and «guillemets».</p>\n');
    expect(body('a `<<code>>`')).toBe('<p>a <code>&lt;&lt;code&gt;&gt;</code></p>\n');
  });
});

describe('kramdown block HTML and CJK emphasis', () => {
  it('markdown="1" makes the content of an element Markdown, and the attribute goes', () => {
    expect(html('<div markdown="1" class="box">\nSome **bold**.\n\n* item\n</div>\n\nAfter.')).toBe(
      '<div class="box">\n<p>Some <strong>bold</strong>.</p>\n<ul>\n<li>item</li>\n</ul>\n</div>\n<p>After.</p>\n',
    );
    expect(html('<span markdown="span">*em*</span>')).toBe('<span><em>em</em></span>\n');
    // Without it the element stays raw HTML.
    expect(html('<div>\n**raw**\n</div>')).toBe('<div>\n**raw**\n</div>');
  });

  it('** next to CJK text opens and closes, as in kramdown', () => {
    expect(html('配置的**\\[baremetal\\]**选项，以及*强调*文字。')).toBe(
      '<p>配置的<strong>[baremetal]</strong>选项，以及<em>强调</em>文字。</p>\n',
    );
    expect(html('这是**“引号”**。')).toBe('<p>这是<strong>“引号”</strong>。</p>\n');
    // `_` inside a CJK word stays text (kramdown does not open it there either).
    expect(html('中_文_中')).toBe('<p>中_文_中</p>\n');
    expect(html('a ** b ** c')).toBe('<p>a ** b ** c</p>\n');
  });
});

describe('attribute lists after lazy lines', () => {
  it('a quote whose lazy last line is an IAL gets it; one inside the quote does not', () => {
    expect(html('> quote\n{: .q}')).toBe('<blockquote class="q">\n<p>quote</p>\n</blockquote>\n');
    expect(html('> quote\n> {: .q}')).toBe('<blockquote>\n<p class="q">quote</p>\n</blockquote>\n');
  });
});
