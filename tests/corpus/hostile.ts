import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * XSS and abuse vectors as posts, generated into a folder at test time (never shipped in
 * posts/). Every payload that runs sets `window.__pwned` and opens a dialog; every payload
 * that navigates leaves the page. The tests check that neither ever happens.
 */

/** What a payload runs: a sentinel and a dialog. No quotes, so it fits in any attribute. */
export const JS = 'window.__pwned=1;alert(1)';
const JS_B64 = Buffer.from(`<script>${JS}</script>`).toString('base64');
const SVG_B64 = Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" onload="${JS}"/>`).toString(
  'base64',
);
/** A word every hostile post contains, for the search page. */
export const SEARCH_WORD = 'hostilemarker';
/** An https image that can never load (nothing listens on port 9). */
const DEAD_IMAGE = 'https://127.0.0.1:9/dead.png';

export interface HostilePost {
  file: string;
  slug: string;
  /** The exact title the reader must show as text. */
  title: string;
  body: string;
}

/** A post with front matter (or none, when `fm` is null). */
function post(file: string, title: string, fm: string | null, body: string): HostilePost {
  const text = fm === null ? body : `---\n${fm}\n---\n${body}`;
  return { file, slug: file.replace(/\.md$/, ''), title, body: text };
}

const scripts = `
## Scripts and handlers ${SEARCH_WORD}

<script>${JS}</script>
<script src="data:text/javascript,${JS}"></script>
<img src="x" onerror="${JS}">
<img src=${DEAD_IMAGE} onerror=${JS}>
<body onload="${JS}">
<div onmouseover="${JS}" onclick="${JS}">hover or click me</div>
<details open ontoggle="${JS}"><summary>details</summary>open</details>
<video><source onerror="${JS}"></video>
<audio src="x" onerror="${JS}"></audio>
<input autofocus onfocus="${JS}">
<marquee onstart="${JS}">marquee</marquee>
<p onpointerenter="${JS}" tabindex="0" onfocus="${JS}">focusable</p>
<noscript><p title="</noscript><img src=x onerror=${JS}>"></noscript>
<svg><p><style><img src=x onerror=${JS}></style></p></svg>
<math><mtext><table><mglyph><style><img src=x onerror=${JS}></style></mglyph></table></mtext></math>
<form><math><mtext></form><form><mglyph><style></math><img src onerror=${JS}>
<template><img src=x onerror=${JS}></template>
<xmp><img src=x onerror=${JS}></xmp>
<textarea><img src=x onerror=${JS}></textarea>

Text after the scripts.
`;

const urls = `
## URLs ${SEARCH_WORD}

[javascript link](javascript:${JS})
[mixed case](JaVaScRiPt:${JS})
[entity](&#106;avascript:${JS})
[tab inside](java&#x09;script:${JS})
[vbscript](vbscript:msgbox(1))
[data html](data:text/html;base64,${JS_B64})
[reference link][evil]
[collapsed][]
<javascript:${JS}>

[evil]: javascript:${JS}
[collapsed]: data:text/html;base64,${JS_B64}

![javascript image](javascript:${JS})
![data svg image](data:image/svg+xml;base64,${SVG_B64})
![data png image](data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==)
![http image](http://127.0.0.1:9/plain-http.png)

<a href="javascript:${JS}">raw javascript</a>
<a href="  JAVASCRIPT:${JS}">raw spaced</a>
<a href="vbscript:msgbox(1)">raw vbscript</a>
<a href="data:text/html,<script>${JS}</script>">raw data</a>
<a href="https://example.com/" target="_top">external with target</a>
<a href="#/posts/x" target="_top" rel="opener">internal with target</a>
<img src="data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg' onload='${JS}'/>">
<img src="//127.0.0.1:9/protocol-relative.png" alt="protocol relative">
<img srcset="data:image/png;base64,iVBORw0KGgo= 1x, javascript:${JS} 2x, http://127.0.0.1:9/s.png 3x" alt="srcset">
<video poster="javascript:${JS}" src="data:video/mp4;base64,AAAA"></video>
<audio src="vbscript:msgbox(1)"></audio>
<table background="http://127.0.0.1:9/bg.png"><tr><td background="javascript:${JS}">cell</td></tr></table>
<blockquote cite="javascript:${JS}">cited</blockquote>
<a href="blob:https://example.com/uuid">blob</a>
<input type="image" src="javascript:${JS}">
`;

const svgMath = `
## SVG and MathML ${SEARCH_WORD}

<svg onload="${JS}"><circle r="10"/></svg>
<svg><script>${JS}</script></svg>
<svg><a xlink:href="javascript:${JS}"><text x="20" y="20">svg link</text></a></svg>
<svg><animate onbegin="${JS}" attributeName="x" dur="1s"/></svg>
<svg><a><set attributeName="href" to="javascript:${JS}"/><text y="20">set</text></a></svg>
<svg><foreignObject><img src="x" onerror="${JS}"></foreignObject></svg>
<svg><use href="data:image/svg+xml;base64,${SVG_B64}#x"/></svg>
<svg><image href="${DEAD_IMAGE}"/></svg>
<svg><style>*{display:none}</style></svg>
<math><maction actiontype="statusline" xlink:href="javascript:${JS}">click</maction></math>
<math href="javascript:${JS}"><mi>x</mi></math>
<math><annotation-xml encoding="text/html"><img src=x onerror=${JS}></annotation-xml></math>

Text after the vectors.
`;

const embeds = `
## Embeds, forms, base and meta ${SEARCH_WORD}

<iframe src="javascript:${JS}"></iframe>
<iframe srcdoc="<script>parent.${JS}</script>"></iframe>
<iframe src="https://example.com/"></iframe>
<frameset><frame src="javascript:${JS}"></frameset>
<object data="javascript:${JS}"></object>
<object data="data:text/html;base64,${JS_B64}" type="text/html"></object>
<embed src="javascript:${JS}">
<embed src="data:image/svg+xml;base64,${SVG_B64}" type="image/svg+xml">
<applet code="Evil.class"></applet>
<portal src="https://example.com/"></portal>
<form action="javascript:${JS}"><input name="q" value="x"><button>go</button><input type="submit" formaction="javascript:${JS}" value="submit"></form>
<button form="search" formaction="https://example.com/">outside form</button>
<base href="https://example.com/">
<base target="_top">
<meta http-equiv="refresh" content="0;url=https://example.com/">
<meta http-equiv="refresh" content="0;url=javascript:${JS}">
<meta http-equiv="Content-Security-Policy" content="script-src * 'unsafe-inline'">
<meta http-equiv="set-cookie" content="pwned=1">
<link rel="stylesheet" href="https://example.com/evil.css">
<link rel="import" href="https://example.com/evil.html">
<link rel="prefetch" href="https://example.com/">
<dialog open>a fake dialog</dialog>
<div popover id="pop">popover</div>

[relative link](other-page.html) and [a link after the base](#Embeds)
`;

const styles = `
## Style attacks ${SEARCH_WORD}

<style>body { display: none !important; }</style>
<style>@import url("https://example.com/evil.css");</style>
<div style="position:fixed;inset:0;z-index:99999;background:red">a full-page overlay</div>
<p style="background:url(javascript:${JS})">background url</p>
<p style="background-image:url(http://127.0.0.1:9/tracker.png)">tracker</p>
<div style="behavior:url(x.htc);-moz-binding:url(https://example.com/x.xml#x)">bindings</div>
<p style="width:expression(${JS})">expression</p>
<div class="update-prompt site-header skip-link toc-drawer">borrowing the app's classes</div>
<font color="red" face="x" style="font-size:999px">font</font>
<img src="${DEAD_IMAGE}" width="9999" height="9999" style="position:fixed;top:0" alt="huge image">
<svg><style>@import "https://example.com/x.css";</style></svg>
`;

const clobbering = `
## Clobbering ${SEARCH_WORD}

<div id="summit-app">a second mount point</div>
<a id="app" href="https://example.com/">app</a>
<form name="location"><input name="href" value="https://example.com/"></form>
<img name="location" src="${DEAD_IMAGE}" alt="named image">
<img name="getElementById" id="getElementById" src="x" alt="clobbers getElementById">
<form id="document" name="cookie"><input id="cookie" name="cookie"></form>
<a id="main" href="#">main</a>
<a id="__pwned" name="__pwned" href="#">sentinel</a>
<object id="CSS" name="CSS"></object>
<embed name="addEventListener">
<a id="defaultView" name="defaultView">defaultView</a>
<map name="map"><area href="javascript:${JS}" shape="rect" coords="0,0,10,10"></map>

## summit-app

## main
`;

const nesting = `
## Nesting ${SEARCH_WORD}

> - [quoted list link](javascript:${JS})
>   - ![nested image](javascript:${JS})
>     > **[deep *bold* link](vbscript:msgbox(1))** and <img src=x onerror=${JS}>
>     >
>     > 1. [ref in a quote][deep]
>     >    [deep]: javascript:${JS}

- <javascript:${JS}>
- www.example.com/<script>${JS}</script>
- [link *with <img src=x onerror=${JS}>* inside](https://example.com/ "title\\" onmouseover=\\"${JS}")

| table | cell |
| --- | --- |
| <img src=x onerror=${JS}> | [x](javascript:${JS}) |

### <img src=x onerror=${JS}> A heading with HTML

### <script>${JS}</script>Script heading

![<img src=x onerror=${JS}>](${DEAD_IMAGE} "<script>${JS}</script>")

\`<script>${JS}</script>\` in code, and:

\`\`\`html
<script>${JS}</script>
\`\`\`

{: onclick="${JS}" }
{::nomarkdown}<script>${JS}</script>{:/nomarkdown}
{{ '<script>${JS}</script>' }}
{% raw %}<img src=x onerror=${JS}>{% endraw %}
&lt;script&gt;escaped text&lt;/script&gt;

- [ ] a task
- [x] a done task
`;

const FM_PAYLOAD = `<img src=x onerror=${JS}><script>${JS}</script>`;

/** The hostile posts. Titles are what the reader must show, as text. */
export function hostileCorpus(): HostilePost[] {
  return [
    post('2015-01-01-scripts.md', '<b>x</b>', "title: '<b>x</b>'", scripts),
    post('2015-01-02-urls.md', 'URLs', 'title: URLs', urls),
    post('2015-01-03-svg-math.md', 'SVG and MathML', 'title: SVG and MathML', svgMath),
    post('2015-01-04-embeds.md', 'Embeds', 'title: Embeds', embeds),
    post('2015-01-05-styles.md', 'Styles', 'title: Styles', styles),
    post('2015-01-06-clobbering.md', 'Clobbering', 'title: Clobbering', clobbering),
    post('2015-01-07-nesting.md', 'Nesting', 'title: Nesting', nesting),
    post(
      '2015-01-08-front-matter.md',
      FM_PAYLOAD,
      [
        `title: "${FM_PAYLOAD}"`,
        `tags: ["<img src=x onerror=${JS}>", "<b>bold</b>", "javascript:${JS}"]`,
        `categories: "<script>${JS}</script>"`,
        `author: "<a href=javascript:${JS}>me</a>"`,
        `excerpt: "<img src=x onerror=${JS}> an excerpt"`,
        `lang: "en\\" onmouseover=\\"${JS}"`,
        `date: "<script>${JS}</script>"`,
        `session_level: "<b>2</b>"`,
      ].join('\n'),
      `## Front matter ${SEARCH_WORD}\n\nThe payloads are in the front matter.\n`,
    ),
    post(
      '2015-01-09-<img src=x onerror=alert(1)>.md',
      '<img src=x onerror=alert(1)>',
      null,
      `## File name ${SEARCH_WORD}\n\nThe payload is in the file name.\n`,
    ),
    post(
      `2015-01-10-"><svg onload=alert(1)>.md`,
      '"><svg onload=alert(1)>',
      null,
      `## Quote in the name ${SEARCH_WORD}\n`,
    ),
    post(
      "2015-01-11-javascript:alert(1)?a=1&b=%2F#x'`${x}.md",
      "Javascript:alert(1)?a=1&b=%2F#x'`${x}",
      null,
      `## Route characters ${SEARCH_WORD}\n`,
    ),
    post(
      '2015-01-12-liquid.md',
      'Liquid',
      'title: Liquid\nevil: "<svg onload=' + JS + '>"',
      [
        `## HTML made by Liquid ${SEARCH_WORD}`,
        '',
        `{% capture x %}<img src=x onerror=${JS}>{% endcapture %}{{ x }}`,
        '',
        `{{ "<script>${JS}</script>" }}`,
        '',
        `{{ page.evil }} {{ "<a href=javascript:${JS}>a</a>" | markdownify }}`,
        '',
        `{% assign u = "javascript:${JS}" %}[link]({{ u }}) ![img]({{ u | relative_url }})`,
        '',
      ].join('\n'),
    ),
  ];
}

interface Vector {
  payload: string;
  title?: string;
  family?: string;
}
const vectorsOf = (file: string): Vector[] =>
  (JSON.parse(readFileSync(new URL(file, import.meta.url), 'utf8')) as { vectors: Vector[] })
    .vectors;

/**
 * DOMPurify's own fixture strings (tests/corpus/dompurify-fixtures.json, from cure53/DOMPurify
 * test/fixtures/expect.mjs: its source is named in the file) and hand-curated mutation-XSS,
 * srcset, clobbering and leftover vectors (tests/corpus/mxss-vectors.json), each put in a
 * post as a raw HTML block, inline in a paragraph and (mXSS) in a heading, some dozens a post.
 */
export function vectorCorpus(): HostilePost[] {
  const out: HostilePost[] = [];
  const add = (name: string, vectors: Vector[], inHeadings: boolean) => {
    const per = 40;
    for (let i = 0; i * per < vectors.length; i++) {
      const chunk = vectors.slice(i * per, (i + 1) * per);
      const body = chunk
        .map((v, j) => {
          const n = i * per + j;
          const heading = inHeadings ? `### Vector ${n} ${v.payload.replace(/\n/g, ' ')}\n\n` : '';
          return `## ${name} ${n} ${SEARCH_WORD}\n\n${heading}${v.payload}\n\nInline: before ${v.payload.replace(/\n/g, ' ')} after.\n`;
        })
        .join('\n');
      const file = `2016-02-${String(out.length + 1).padStart(2, '0')}-${name}-${i + 1}.md`;
      out.push(post(file, `${name} ${i + 1}`, `title: "${name} ${i + 1}"`, body));
    }
  };
  add('dompurify-fixtures', vectorsOf('./dompurify-fixtures.json'), false);
  add('mxss-vectors', vectorsOf('./mxss-vectors.json'), true);
  return out;
}

/** Writes the corpus into `dir` (which must exist). */
export function writeHostileCorpus(dir: string): HostilePost[] {
  const corpus = [...hostileCorpus(), ...vectorCorpus()];
  for (const p of corpus) writeFileSync(path.join(dir, p.file), p.body);
  return corpus;
}
