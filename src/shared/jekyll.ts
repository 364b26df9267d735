/**
 * Turns a Jekyll post body (Markdown with Liquid and kramdown extras) into plain GFM that
 * marked renders the way Jekyll + kramdown would. Fenced code blocks and inline code are
 * left exactly as written.
 */

const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/** Splits the body into alternating prose and fenced-code segments. */
function splitFences(body: string): { code: boolean; text: string }[] {
  const lines = body.split('\n');
  const out: { code: boolean; text: string }[] = [];
  let buf: string[] = [];
  let fence: string | null = null;
  const flush = (code: boolean) => {
    if (buf.length) out.push({ code, text: buf.join('\n') });
    buf = [];
  };
  for (const line of lines) {
    if (fence === null) {
      const m = FENCE.exec(line);
      if (
        m &&
        !(m[1]![0] === '`' && line.slice(line.indexOf(m[1]!) + m[1]!.length).includes('`'))
      ) {
        flush(false);
        fence = m[1]!;
        buf.push(line);
        continue;
      }
      buf.push(line);
    } else {
      buf.push(line);
      const close = new RegExp(`^ {0,3}${fence[0] === '`' ? '`' : '~'}{${fence.length},}\\s*$`);
      if (close.test(line)) {
        flush(true);
        fence = null;
      }
    }
  }
  flush(fence !== null);
  return out;
}

const TAG = String.raw`\{%-?\s*`;
const END = String.raw`\s*-?%\}`;
/** One pass over prose: inline code is kept, Liquid is resolved, kramdown extras dropped. */
const PROSE = new RegExp(
  [
    String.raw`(?<code>(?<ticks>\x60+)(?!\x60)(?:(?!\n[ \t]*\n)[\s\S])+?\k<ticks>(?!\x60))`,
    `${TAG}raw${END}(?<raw>[\\s\\S]*?)${TAG}endraw${END}`,
    `${TAG}highlight\\s+(?<lang>[\\w+#.-]+)?[^%]*?${END}\\n?(?<hl>[\\s\\S]*?)\\n?${TAG}endhighlight${END}`,
    `${TAG}comment${END}[\\s\\S]*?${TAG}endcomment${END}`,
    `${TAG}post_url\\s+(?<postUrl>[^\\s%]+)${END}`,
    String.raw`\{%[\s\S]*?%\}`,
    String.raw`\{\{[\s\S]*?\}\}`,
    String.raw`\{::comment\}[\s\S]*?\{:\/comment\}`,
    String.raw`\{::nomarkdown\}(?<nomd>[\s\S]*?)\{:\/nomarkdown\}`,
    String.raw`\{::[^}]*\/?\}`,
    String.raw`\{:[^}\n]*\}`,
  ].join('|'),
  'g',
);

function replaceProse(text: string): string {
  return text.replace(PROSE, (...args) => {
    const match = args[0] as string;
    const g = args[args.length - 1] as Record<string, string | undefined>;
    if (g.code !== undefined) return match;
    if (g.raw !== undefined) return g.raw;
    if (g.hl !== undefined) return `\n\`\`\`${g.lang ?? ''}\n${g.hl}\n\`\`\`\n`;
    if (g.postUrl !== undefined) return `#/posts/${g.postUrl.split('/').pop()}`;
    if (g.nomd !== undefined) return g.nomd;
    return '';
  });
}

/** kramdown's `* TOC` + `{:toc}` pair: the list item is a placeholder, not content. */
const TOC_PLACEHOLDER =
  /^[ \t]*(?:[*+-]|1\.)[ \t]+[^\n]*\n(?=[ \t]*\{:\s*(?:\.no_toc\s*)?toc\s*\}[ \t]*$)/gm;
/** kramdown accepts `###Title`; CommonMark needs a space. */
const TIGHT_ATX = /^( {0,3}#{1,6})(?=[^#\s])/gm;
/** kramdown header ids `### Title {#custom}`: dropped (the id comes from the slugger). */
const HEADER_ID = /^( {0,3}#{1,6}[ \t].*?)[ \t]*\{#[\w-]+\}([ \t]*#*[ \t]*)$/gm;

export function prepareMarkdown(body: string): string {
  return splitFences(body)
    .map((seg) => {
      if (seg.code) return seg.text;
      const text = seg.text
        .replace(TOC_PLACEHOLDER, '')
        .replace(TIGHT_ATX, '$1 ')
        .replace(HEADER_ID, '$1$2');
      // A line that held only a Liquid tag or an attribute list leaves no blank text behind.
      return replaceProse(text).replace(/^[ \t]+$/gm, '');
    })
    .join('\n');
}
