import { JSDOM } from 'jsdom';
import type { WindowLike } from 'dompurify';
import { describe, expect, it } from 'vitest';
import { createSanitiser, settleLink, type LinkPolicy, type PostContext } from './policy.ts';
import { filterSrcset, parseSrcset } from './srcset.ts';
import { limitHtmlDepth } from '../shared/html-depth.ts';
import { ELEMENT_MARKER } from '../shared/kramdown/attributes.ts';

const sanitise = createSanitiser(new JSDOM('').window as unknown as WindowLike);
const links: LinkPolicy = {
  anchor: (f) => `#/posts/p/${f.toLowerCase()}`,
  post: (href) => (href === 'other.md' ? '#/posts/other' : undefined),
  // As the build settles it (src/build/sanitise.ts): kept when it is already a reader's link.
  route: (href) => href,
  relative: (href) => (href.startsWith('/about') ? `https://blog.example${href}` : undefined),
};
const post: PostContext = { ids: ['main', 'zz-later'], marker: 'M-', links };
const clean = (html: string) => sanitise(html, post);

describe('srcset is parsed as the HTML standard parses it', () => {
  it('a comma with no space does not start a candidate inside a URL', () => {
    expect(parseSrcset('https://h/a.png 2x,data:image/png;base64,AAAA 1x')).toEqual([
      { url: 'https://h/a.png', descriptors: '2x' },
      { url: 'data:image/png;base64,AAAA', descriptors: '1x' },
    ]);
    expect(parseSrcset('a.png 480w,b.png 800w')).toEqual([
      { url: 'a.png', descriptors: '480w' },
      { url: 'b.png', descriptors: '800w' },
    ]);
    expect(parseSrcset(' a.png,, b.png ,c.png')).toEqual([
      { url: 'a.png', descriptors: '' },
      { url: 'b.png', descriptors: '' },
      { url: 'c.png', descriptors: '' },
    ]);
  });

  it('drops every candidate that is not https or the site own, whatever the spacing', () => {
    const attack =
      'https://h/a.png 2x,data:image/png;base64,AAAA 1x,javascript:alert(1) 3x,http://h/b.png 4x';
    expect(clean(`<img src="https://h/a.png" srcset="${attack}">`)).toBe(
      '<img src="https://h/a.png" srcset="https://h/a.png 2x, https://h/b.png 4x" loading="lazy" decoding="async">',
    );
    expect(clean(`<picture><source srcset="x.png 1x,data:image/png,AA 2x"></picture>`)).toBe(
      '<picture><source srcset="x.png 1x"></picture>',
    );
    expect(filterSrcset('a.png,b.png 2x', (u) => u)).toBe('a.png%2Cb.png 2x');
  });
});

describe('ids: only the outline headings, each with its outline id', () => {
  it('a raw heading cannot take an outline id, nor any element an app id', () => {
    const html = clean(
      '<h2 id="zz-later">raw</h2><a id="main">x</a><h3 id="M-1">zz later</h3><h3 id="M-0">Main</h3>',
    );
    expect(html).toBe('<h2>raw</h2><a>x</a><h3 id="zz-later">zz later</h3><h3 id="main">Main</h3>');
  });

  it('gives each outline id once, and only to a marked heading', () => {
    expect(
      clean('<h2 id="M-0">a</h2><h2 id="M-0">b</h2><p id="M-1">c</p><h2 id="M-9">d</h2>'),
    ).toBe('<h2 id="main">a</h2><h2>b</h2><p>c</p><h2>d</h2>');
  });
});

describe('links are settled at build time', () => {
  it('anchors, other posts, routes, external and relative links', () => {
    expect(settleLink('#Talks', links)).toBe('#/posts/p/talks');
    expect(settleLink('other.md', links)).toBe('#/posts/other');
    expect(settleLink('#/tags/x', links)).toBe('#/tags/x');
    expect(settleLink('https://x.org/a', links)).toBe('https://x.org/a');
    expect(settleLink('/about/', links)).toBe('https://blog.example/about/');
    expect(settleLink('../../', links)).toBeUndefined();
    expect(settleLink('?x=1', links)).toBeUndefined();
    expect(settleLink('javascript:alert(1)', links)).toBeUndefined();
    expect(settleLink(' JaVaScRiPt:alert(1)', links)).toBeUndefined();
  });

  it('external links and areas open in a new tab with noopener; relative ones keep their text', () => {
    expect(clean('<a href="https://x.org" target="_self" rel="opener">x</a>')).toBe(
      '<a href="https://x.org" target="_blank" rel="noopener noreferrer">x</a>',
    );
    expect(clean('<map><area href="https://x.org" target="_top"></map>')).toBe(
      '<map><area href="https://x.org" target="_blank" rel="noopener noreferrer"></map>',
    );
    expect(clean('<a href="../../">up</a> <a href="?x=1">q</a>')).toBe('<a>up</a> <a>q</a>');
  });
});

describe('leftovers are removed, their text kept', () => {
  it('template, output, label[for], popovertarget, commandfor, forms', () => {
    expect(clean('<template><b>t</b></template>')).toBe('');
    expect(clean('<label for="x">L</label><output for="x">O</output>')).toBe('<label>L</label>O');
    expect(clean('<p popovertarget="x" commandfor="y" command="show-modal">p</p>')).toBe(
      '<p>p</p>',
    );
    expect(clean('<form><input name="a" type="text">f</form>')).toBe('f');
    expect(clean('<input type="checkbox" checked>')).toBe(
      '<input type="checkbox" checked="" disabled="">',
    );
  });

  it('no style, handler or svg survives, and text around them stays', () => {
    expect(clean('<svg><title><b style="color:red">t</b></title></svg>after')).toBe('after');
    expect(clean('<p style="x" onclick="alert(1)">text</p>')).toBe('<p>text</p>');
    expect(clean('<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>')).not.toMatch(
      /onerror|<img|<style|<mglyph/,
    );
  });

  it('keeps the MathML the math renderer writes, and nothing dangerous in it', () => {
    const mathml =
      '<math display="block"><mrow><msub><mi>a</mi><mn>1</mn></msub><mo>+</mo><mfrac><mi>x</mi><mn>2</mn></mfrac></mrow></math>';
    expect(clean(mathml)).toBe(mathml);
    for (const vector of [
      '<math><mi xlink:href="javascript:alert(1)">x</mi><maction actiontype="statusline">y</maction></math>',
      '<math><semantics><annotation-xml encoding="text/html"><img src=x onerror=alert(1)></annotation-xml></semantics></math>',
      '<math><mtext><style><img src=x onerror=alert(1)></style></mtext></math>',
      '<form><math><mtext></form><form><mglyph><style></math><img src onerror=alert(1)>',
      '<math href="javascript:alert(1)"><mi>x</mi></math>',
      '<math><mi>x</mi><svg><script>alert(1)</script></svg></math>',
      '<math><mi style="color:red" class="tml-x">x</mi></math>',
    ]) {
      const out = clean(vector);
      expect(out, vector).not.toMatch(
        /onerror|<img|<style|<script|<svg|<mglyph|<maction|annotation|javascript|style=|class=/,
      );
      expect(clean(out), vector).toBe(out);
    }
  });

  it('keeps the ids kramdown writes as user-content ids, never a heading id or a clash', () => {
    const E = ELEMENT_MARKER;
    expect(clean(`<p id="${E}fn:1">a</p><p id="${E}fn:1">b</p>`)).toBe(
      '<p id="user-content-fn:1">a</p><p>b</p>',
    );
    // A heading's id, an id with a quote, an id the post wrote itself: dropped.
    expect(
      clean(
        `<p id="${E}x&quot;y">a</p><div id="user-content-x">b</div><p id="${E}">c</p><p id="summit:main">d</p>`,
      ),
    ).toBe('<p>a</p><div>b</div><p>c</p><p>d</p>');
    const post2: PostContext = { ...post, ids: ['user-content-taken'] };
    expect(sanitise(`<p id="${E}taken">a</p>`, post2)).toBe('<p>a</p>');
    // Links to them go through the link policy; without `element`, through `anchor`.
    expect(clean(`<a href="${E}fn:1">1</a>`)).toBe('<a href="#/posts/p/user-content-fn:1">1</a>');
    const withElement: PostContext = {
      ...post,
      links: { ...links, element: (id) => `#/posts/p/${encodeURIComponent(id)}` },
    };
    expect(sanitise(`<sup id="${E}r"><a href="${E}fn:1">1</a></sup>`, withElement)).toBe(
      '<sup id="user-content-r"><a href="#/posts/p/user-content-fn%3A1">1</a></sup>',
    );
  });

  it('keeps only the classes of its short list', () => {
    expect(
      clean('<p class="notice--info btn btn--primary text-center post-body toc current x">a</p>'),
    ).toBe('<p class="notice--info btn btn--primary text-center">a</p>');
    expect(clean('<div class="footnotes"><a class="reversefootnote footnote">x</a></div>')).toBe(
      '<div class="footnotes"><a class="reversefootnote footnote">x</a></div>',
    );
  });

  it('the output is a fixed point: sanitising it again changes nothing', () => {
    for (const html of [
      '<svg></p><style><a id="</style><img src=1 onerror=alert(1)>">',
      '<form><math><mtext></form><form><mglyph><style></math><img src onerror=alert(1)>',
      '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    ]) {
      const once = clean(html);
      expect(clean(once)).toBe(once);
      expect(once).not.toMatch(/onerror/);
    }
  });
});

describe('raw HTML depth is capped in one linear pass', () => {
  it('flattens what is deeper than the cap and keeps the text', () => {
    const deep = `${'<div>'.repeat(10)}x${'</div>'.repeat(10)}`;
    const { html, cut } = limitHtmlDepth(deep, 4);
    expect(html).toBe(`${'<div>'.repeat(4)}x${'</div>'.repeat(4)}`);
    expect(cut).toBe(12);
    expect(limitHtmlDepth('<p>a<p>b<p>c<ul><li>x<li>y</ul>', 3).cut).toBe(0);
  });

  it('stays linear on pathological input', () => {
    expect(limitHtmlDepth(`<div>${'<'.repeat(200_000)}`).cut).toBe(0);
    expect(limitHtmlDepth(`${'<a'.repeat(100_000)}>`).cut).toBe(0);
    expect(limitHtmlDepth('<span>'.repeat(100_000)).cut).toBe(100_000 - 128);
  });
});
