import { describe, expect, it } from 'vitest';
import { kramdownTypography, prepareMarkdown } from './kramdown.ts';
import { analysePost } from '../post.ts';
import { markdownToHtml } from '../markdown.test-helper.ts';
import { SEED, SEED_NAME } from '../../../tests/seed.ts';

const html = (md: string) => markdownToHtml(prepareMarkdown(md)).html;

describe('prepareMarkdown: Liquid', () => {
  it('removes include and unknown tags', () => {
    expect(prepareMarkdown('{% include JB/setup %}\n\nHello')).toBe('\n\nHello');
    expect(prepareMarkdown('a {% assign x = 1 %}b {% if x %}c{% endif %}')).toBe('a b c');
    expect(prepareMarkdown('{%- include x.html -%}')).toBe('');
  });

  it('removes output outside code', () => {
    expect(prepareMarkdown('Site: {{ site.title }}, page {{ page.url | relative_url }}.')).toBe(
      'Site: , page .',
    );
  });

  it('keeps raw content literally', () => {
    expect(prepareMarkdown('{% raw %}{{ x }} and {% tag %}{% endraw %}')).toBe(
      '{{ x }} and {% tag %}',
    );
    expect(prepareMarkdown('{%raw%}\n{{ a }}\n{%endraw%}')).toBe('\n{{ a }}\n');
  });

  it('removes comment blocks', () => {
    expect(prepareMarkdown('a\n{% comment %}\nsecret {{ x }}\n{% endcomment %}\nb')).toBe('a\n\nb');
  });

  it('turns highlight blocks into fenced code with the language, content untouched', () => {
    const out = prepareMarkdown(
      'Code:\n\n{% highlight ruby linenos %}\n#!/usr/bin/env ruby\ndef x\n  {{ y }}\nend\n{% endhighlight %}\n\nAfter',
    );
    expect(out).toBe('Code:\n\n```ruby\n#!/usr/bin/env ruby\ndef x\n  {{ y }}\nend\n```\n\nAfter');
    expect(html('{% highlight ruby %}\nputs 1\n{% endhighlight %}')).toContain(
      '<pre><code class="language-ruby">puts 1\n</code></pre>',
    );
  });

  it('uses a longer fence when the highlighted code holds backticks', () => {
    const out = prepareMarkdown('{% highlight md %}\n```\nx\n```\n{% endhighlight %}');
    expect(out).toBe('````md\n```\nx\n```\n````');
  });

  it('keeps a highlight block inside its list item', () => {
    const out = html(
      '1. one\n\n    {% highlight sh %}\n    #comment\n    {% endhighlight %}\n2. two',
    );
    expect(out).toMatch(
      /<li><p>one<\/p>\s*<pre><code class="language-sh">#comment\n<\/code><\/pre>/,
    );
    expect(out.match(/<ol>/g)).toHaveLength(1);
  });

  it('leaves fenced code blocks untouched', () => {
    const md = '```liquid\n{{ x }} {% include a %}\n#notaheading\n```\n\n~~~js\n{{ y }}\n~~~';
    expect(prepareMarkdown(md)).toBe(md);
  });

  it('leaves a fence inside a list item untouched', () => {
    const md = '1. step\n\n    ```yaml\n    key: {{ x }}\n    ```\n\n2. next {{ gone }}';
    expect(prepareMarkdown(md)).toBe(
      '1. step\n\n    ```yaml\n    key: {{ x }}\n    ```\n\n2. next ',
    );
  });

  it('leaves indented code blocks untouched, but not list continuations', () => {
    expect(prepareMarkdown('para\n\n    {{ code }}\n\ntext {{ x }}')).toBe(
      'para\n\n    {{ code }}\n\ntext ',
    );
    expect(prepareMarkdown('- item\n\n    more {{ x }}')).toBe('- item\n\n    more ');
  });

  it('leaves inline code spans untouched', () => {
    expect(prepareMarkdown('Use `{{ x }}` or ``{% a %} ` b`` here {{ y }}')).toBe(
      'Use `{{ x }}` or ``{% a %} ` b`` here ',
    );
    // A code span does not run across a blank line.
    expect(prepareMarkdown('a `b\n\n{{ c }} `')).toBe('a `b\n\n `');
  });

  it('keeps a raw block that wraps a fenced block', () => {
    const md = '{% raw %}\n```\n{{ x }}\n```\n{% endraw %}\n\n{{ gone }}';
    expect(prepareMarkdown(md)).toBe('\n```\n{{ x }}\n```\n\n\n');
  });

  it('does not let a Liquid tag quoted in inline code swallow the code blocks after it', () => {
    const md = 'Write `{% raw %}` first.\n\n```\n{{ kept }}\n#kept\n```\n\n{% endraw %}';
    expect(prepareMarkdown(md)).toBe('Write `{% raw %}` first.\n\n```\n{{ kept }}\n#kept\n```\n\n');
  });

  it('leaves text alone when a Liquid delimiter is never closed', () => {
    expect(prepareMarkdown('a {% b and {{ c')).toBe('a {% b and {{ c');
    expect(prepareMarkdown('{% raw %} never closed {{ x }}')).toBe(' never closed ');
  });
});

describe('prepareMarkdown: kramdown', () => {
  it('keeps attribute lists for the lexer, which never shows them as text', () => {
    const md =
      'Warning!\n{:.alert .alert-warning}\n\n## H\n{: #id}\n\nInline *em*{:.x} here\n\n{:ref: .cls}';
    expect(prepareMarkdown(md)).toBe(md);
    const out = html(md);
    expect(out).not.toContain('{:');
    expect(html('Warning!\n{:.alert .alert-warning}')).toBe(
      '<p class="alert alert-warning">Warning!</p>\n',
    );
  });

  it('drops `{::options /}`', () => {
    expect(prepareMarkdown('{::options toc_levels="2..3" /}\nhi')).toBe('\nhi');
  });

  it('drops comment extensions and keeps nomarkdown content', () => {
    expect(prepareMarkdown('a\n{::comment}\nsecret\n{:/comment}\nb')).toBe('a\n\nb');
    expect(prepareMarkdown('{::options parse_block_html="true" /}\nhi')).toBe('\nhi');
    expect(prepareMarkdown('{::nomarkdown}<b>x</b>{:/nomarkdown}')).toBe('<b>x</b>');
  });

  it('leaves `###Title` and `#word` as text, as Jekyll 4 (GFM input) does', () => {
    expect(html('###Title')).toBe('<p>###Title</p>\n');
    expect(html('#NoSpace heading')).toBe('<p>#NoSpace heading</p>\n');
    expect(html('##背景')).toBe('<p>##背景</p>\n');
    expect(prepareMarkdown('####### seven')).toBe('####### seven');
    expect(prepareMarkdown('    ###code')).toBe('    ###code');
  });

  it('reads header ids `{#custom}` as the heading id, as kramdown does (Jekyll 4.3.1)', () => {
    expect(html('## Talks {#my-talks}')).toBe('<h2 id="my-talks">Talks</h2>\n');
    expect(html('Title {#t}\n-----')).toBe('<h2 id="t">Title</h2>\n');
    expect(html('### *Big* day {#Big-Day:1}')).toBe('<h3 id="Big-Day:1"><em>Big</em> day</h3>\n');
    // As in kramdown: after closing hashes the id is text; so it is when not at the end, with
    // no space before it, or not kramdown's id syntax.
    expect(html('### Title {#custom} ###')).toBe('<h3 id="title-custom">Title {#custom}</h3>\n');
    expect(html('## a{#b}')).toBe('<h2 id="ab">a{#b}</h2>\n');
    expect(html('## {#b} a')).toBe('<h2 id="b-a">{#b} a</h2>\n');
    expect(html('### Bad {#9x}')).toBe('<h3 id="bad-9x">Bad {#9x}</h3>\n');
    expect(prepareMarkdown('### Title {#custom}')).toBe('### Title {#custom}');
  });

  it("reads code spans by kramdown's rules (checked with Jekyll 4.3.1)", () => {
    const code = (md: string) => html(md).replace(/^<p>|<\/p>\n$/g, '');
    // A lone backtick between white space (or at the start) is text.
    expect(code('P1 `   1 ↦ 1` b')).toBe('P1 `   1 ↦ 1` b');
    expect(code('`   1 ↦ 1` P2')).toBe('`   1 ↦ 1` P2');
    expect(html('- `   1 ↦ 1` : one')).toBe('<ul>\n<li>`   1 ↦ 1` : one</li>\n</ul>\n');
    expect(code('P3 ` b` c `d` e')).toBe('P3 ` b<code> c </code>d` e');
    expect(code('P9 ` `x` `')).toBe('P9 ` <code>x</code> `');
    // A single-backtick span keeps its spaces; a longer one loses one at each end.
    expect(code('Q9 x`   1 x 1` z')).toBe('Q9 x<code>   1 x 1</code> z');
    expect(code('P8 `` ` `` z')).toBe('P8 <code>`</code> z');
    expect(code('P5 ``x`y`` z')).toBe('P5 <code>x`y</code> z');
    // The span ends at the first run of its backticks, even inside a longer one.
    expect(code('`value``')).toBe('<code>value</code>`');
    expect(code('P4 `x``y` z')).toBe('P4 <code>x</code><code>y</code> z');
    // Unclosed in its paragraph: text.
    expect(html('P7 `x\n\nP7b y` z')).toBe('<p>P7 `x</p>\n<p>P7b y` z</p>\n');
    expect(code('P10 a `b')).toBe('P10 a `b');
  });

  it("takes lazy lines into list items by kramdown's rules (checked with Jekyll 4.3.1)", () => {
    // After a heading in an item, the next lines are the item's, tab-indented items nested.
    expect(html('- #### BSD\n**B** text\n\t- one\n\t- two\n\nafter')).toBe(
      '<ul>\n<li><h4 id="bsd">BSD</h4>\n<strong>B</strong> text<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n</li>\n</ul>\n<p>after</p>\n',
    );
    // The innermost item takes them; a quote or a setext underline too.
    expect(html('- x\n  - ### deep\nlazy deep')).toBe(
      '<ul>\n<li>x<ul>\n<li><h3 id="deep">deep</h3>\nlazy deep</li>\n</ul>\n</li>\n</ul>\n',
    );
    expect(html('- ### H\n> quote')).toBe(
      '<ul>\n<li><h3 id="h">H</h3>\n<blockquote>\n<p>quote</p>\n</blockquote>\n</li>\n</ul>\n',
    );
    expect(html('- a\n---')).toBe('<ul>\n<li><h2 id="a">a</h2>\n</li>\n</ul>\n');
    // Not after a blank line, and never block-level HTML or an attribute list.
    expect(html('- ### H\n\ntext')).toBe(
      '<ul>\n<li><h3 id="h">H</h3>\n</li>\n</ul>\n<p>text</p>\n',
    );
    expect(html('- a\n<div>x</div>')).toBe('<ul>\n<li>a</li>\n</ul>\n<div>x</div>');
    expect(html('* a\n* b\n{: .cls}')).toBe('<ul class="cls">\n<li>a</li>\n<li>b</li>\n</ul>\n');
  });

  it('reads span-level HTML alone on a line as paragraph text, its Markdown too', () => {
    expect(html('<small>\n*y*\n</small>')).toBe('<p><small>\n<em>y</em>\n</small></p>\n');
    expect(html('<img src="/x.png" alt="x">')).toBe('<p><img src="/x.png" alt="x"></p>\n');
    expect(html("- **It's**\n<small>\n    *One*<br>\n</small>")).toBe(
      '<ul>\n<li><strong>It&#39;s</strong>\n<small>\n  <em>One</em><br>\n</small></li>\n</ul>\n',
    );
    // Block-level HTML stays a block.
    expect(html('<div>\n*y*\n</div>')).toBe('<div>\n*y*\n</div>');
  });

  it('does not touch `#` lines inside code', () => {
    const md = '```sh\n#!/bin/sh\n#comment {#x}\n```';
    expect(prepareMarkdown(md)).toBe(md);
  });
});

describe('prepareMarkdown: robustness', () => {
  it('finishes on long lines full of delimiters', () => {
    const n = 100_000;
    for (const line of [
      '{% '.repeat(n / 3),
      '{{ '.repeat(n / 3),
      '{: '.repeat(n / 3),
      '{% raw %} x'.repeat(n / 11),
      `${'{% raw '.repeat(n / 7)}\n{% endraw %} end`,
      '`a ``b '.repeat(n / 7),
      `# ${' '.repeat(n)}x {#y}`,
    ]) {
      expect(prepareMarkdown(line).length).toBeGreaterThan(0);
    }
  }, 120_000);
});

describe('prepareMarkdown: HTML blocks', () => {
  it('keeps a block-level element whole over blank lines, as kramdown does', () => {
    // kramdown: `<div class="x">\n\n    <p>indented</p>\n\n</div>`, the <p> as HTML.
    const out = html('<div class="x">\n\n    <p>indented</p>\n\n</div>\n\nafter');
    expect(out).toContain('<p>indented</p>');
    expect(out).not.toContain('<pre>');
    expect(out).toContain('<p>after</p>');
  });

  it('leaves markdown="1", unclosed elements and fenced code alone', () => {
    expect(html('<div markdown="1">\n\n**md**\n\n</div>')).toContain('<strong>md</strong>');
    expect(prepareMarkdown('<div>\n\n    code')).toBe('<div>\n\n    code');
    expect(prepareMarkdown('```\n<div>\n\n</div>\n```')).toBe('```\n<div>\n\n</div>\n```');
  });
});

describe('kramdown typography', () => {
  // Each expected line is kramdown 2.4's own output (GFM input, as Jekyll 4.3.1 runs it).
  const cases: [string, string][] = [
    [`"Hello," she said. 'Quoted' words.`, '“Hello,” she said. ‘Quoted’ words.'],
    [`It's the '80s -- rock'n'roll... "Yes"!`, 'It’s the ’80s – rock’n’roll… “Yes”!'],
    [
      `He said, "'Quoted' words in a larger quote."`,
      'He said, “‘Quoted’ words in a larger quote.”',
    ],
    ['<<Bonjour>> and << espace >>', '«Bonjour» and «\u00a0espace\u00a0»'],
    ['A---B, 1--2, wait....', 'A—B, 1–2, wait….'],
    [`中文"引号"和'单引号'。`, '中文”引号”和’单引号’。'],
    [
      `x"y" 'tis (parenthetical "quote") [bracket 'q']`,
      'x”y” ‘tis (parenthetical “quote”) [bracket ‘q’]',
    ],
  ];
  it.each(cases)('%s', (input, expected) => {
    expect(kramdownTypography(input)).toBe(expected);
  });

  it('applies to text between emphasis and to bare URLs (text, as in Jekyll), never to code, HTML, <URLs> or image alt text', () => {
    const html = analysePost(
      '2024-01-01-t.md',
      `## "Quoted" -- heading\n\n"*emph*" and '**strong**' and "a" "b".\n\n` +
        '`"code" -- ...` <span title="a--b">x</span> <https://a.example/--x> https://b.example/--y ![a "b"](/i.png)\n\n' +
        '```\n"fenced" -- ...\n```\n',
    ).body.parts.join('');
    expect(html).toContain('“<em>emph</em>” and ‘<strong>strong</strong>’ and “a” “b”.');
    expect(html).toContain('“Quoted” – heading');
    expect(html).toContain('<code>&quot;code&quot; -- ...</code>');
    expect(html).toContain('title="a--b"');
    expect(html).toContain('https://a.example/--x</a>');
    // Jekyll: `x https://a.example/--x y` → `<p>x https://a.example/–x y</p>`.
    expect(html).toContain(' https://b.example/–y ');
    expect(html).toContain('alt="a &quot;b&quot;"');
    expect(html).toContain('&quot;fenced&quot; -- ...');
  });
});

describe('kramdown list markers', () => {
  it('`1)` does not start a list (kramdown knows only `1.`), also inside a list item', () => {
    expect(html('1) first\n2) second')).toBe('<p>1) first\n2) second</p>\n');
    expect(html('* 1) item')).toBe('<ul>\n<li>1) item</li>\n</ul>\n');
    expect(html('1. real\n2. list')).toBe('<ol>\n<li>real</li>\n<li>list</li>\n</ol>\n');
    expect(html('```\n1) code\n```')).toContain('1) code');
  });
});

describe('kramdown GFM links no bare URL or address', () => {
  it('writes them as text, as Jekyll 4.3.1 does; <…> is a link, ~~…~~ a deletion', () => {
    // `jekyll build` of this paragraph (Debian's jekyll 4.3.1, kramdown 2.4, GFM input):
    // <p>see http://apps.openstack.org/ and www.x.com or me@x.com, <a href="http://y.com">http://y.com</a> <del>gone</del></p>
    expect(
      html('see http://apps.openstack.org/ and www.x.com or me@x.com, <http://y.com> ~~gone~~'),
    ).toBe(
      '<p>see http://apps.openstack.org/ and www.x.com or me@x.com, <a href="http://y.com">http://y.com</a> <del>gone</del></p>\n',
    );
  });

  it('the seed’s bare address stays text', () => {
    const seed = analysePost(SEED_NAME, SEED);
    const out = markdownToHtml(seed.body.markdown).html;
    expect(out).toContain('请记住http://apps.openstack.org/');
    expect(out).not.toContain('href="http://apps.openstack.org/"');
  });
});
