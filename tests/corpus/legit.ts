import { writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Legitimate posts about HTML and XSS: comments, angle brackets, escaped markup and code
 * samples full of payloads. Nothing here may be lost: each post's visible text (whitespace
 * folded) must equal `text`, what Jekyll shows for the same Markdown.
 */
export interface LegitPost {
  file: string;
  slug: string;
  markdown: string;
  text: string;
}

const post = (file: string, markdown: string, text: string): LegitPost => ({
  file,
  slug: file.replace(/\.md$/, ''),
  markdown,
  text,
});

const FENCE = '```';

export const legitCorpus: LegitPost[] = [
  post(
    '2016-03-01-angle-brackets.md',
    `---
title: Angle brackets
---
I <3 OpenStack and x<y <!--more-->

## A <!-- note --> and a\\<b

Escaped: &lt;b&gt;bold&lt;/b&gt; and 5 > 3 and a < b, <!-- hidden --> kept <3.

Done.
`,
    'I <3 OpenStack and x<y A and a<b Escaped: <b>bold</b> and 5 > 3 and a < b, kept <3. Done.',
  ),
  post(
    '2016-03-02-xss-talk.md',
    `---
title: XSS in practice
---
## Payloads we saw

Use \`<script>alert(1)</script>\` to test, and \`<img src=x onerror=alert(1)>\` too.

${FENCE}html
<script>alert("xss")</script>
<img src=x onerror="alert(1)">
<!-- a comment in code -->
<svg onload=alert(1)>
${FENCE}

    <iframe src="javascript:alert(1)"></iframe>

> Quote: &lt;svg onload=alert(1)&gt; is text.

| tag | risk |
|---|---|
| \`<style>\` | high |
| \`<b>\` | none |

## The fix

Sanitise, then <em>show</em>.
`,
    [
      'Payloads we saw',
      'Use <script>alert(1)</script> to test, and <img src=x onerror=alert(1)> too.',
      '<script>alert("xss")</script> <img src=x onerror="alert(1)"> <!-- a comment in code --> <svg onload=alert(1)>',
      '<iframe src="javascript:alert(1)"></iframe>',
      'Quote: <svg onload=alert(1)> is text.',
      'tag risk <style> high <b> none',
      'The fix Sanitise, then show.',
    ].join(' '),
  ),
];

/**
 * Headings named like the app's own elements, and a raw heading that claims a later heading's
 * id: deep links must land on the outline's heading, inside the article.
 */
export const idsPost = post(
  '2016-03-03-app-ids.md',
  `---
title: App ids
---
<h2 id="zz-later">Raw heading</h2>

${'Filler text. '.repeat(200)}

## Main

${'Main text. '.repeat(200)}

## summit-app

${'App text. '.repeat(200)}

## toc-drawer

${'Drawer text. '.repeat(200)}

## zz later

${'Later text. '.repeat(300)}
`,
  '',
);

/** Raw HTML nested far too deep: flattened with a warning, its text kept. */
export const deepPost = post(
  '2016-03-04-deep-html.md',
  `---
title: Deep HTML
---
## Deep divs

${'<div>'.repeat(100_000)}deep div text${'</div>'.repeat(100_000)}

## Deep spans

<p>${'<span>'.repeat(50_000)}deep span text${'</span>'.repeat(50_000)}</p>

## Deep details

${'<details open>'.repeat(10_000)}deep details text${'</details>'.repeat(10_000)}

## After

The end.
`,
  '',
);

export function writeLegitCorpus(dir: string): void {
  for (const p of [...legitCorpus, idsPost, deepPost])
    writeFileSync(path.join(dir, p.file), p.markdown);
}
