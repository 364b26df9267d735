import type { RendererExtension, TokenizerExtension, Tokens } from 'marked';
import {
  emptyAttrs,
  injectAttrs,
  mergeAttrs,
  parseAttributeList,
  resolveRefs,
  type Attrs,
} from './attributes.ts';
import { eachTokenArray, stateOf, type KdToken } from './state.ts';

/**
 * kramdown's block and span attribute lists as marked extensions (kramdown 2.4,
 * parser/kramdown/extensions.rb):
 * - `{:name: .class}` on its own line defines attributes that `{: name}` uses (ALD);
 * - `{: .class #id}` on its own line (a block IAL) sets the attributes of the block just
 *   before it, or, after a blank line, of the block after it;
 * - `{: .class}` right after a span (`*em*{: .x}`, an image, a link, code) sets its attributes.
 * The attributes are written into the element (attributes.ts); the sanitiser decides which stay.
 */

const ALD = /^ {0,3}\{:(\w[\w-]*):((?:\\\}|[^}\n])+)\}[ \t]*(?:\n|$)/;
const BLOCK_IAL = /^ {0,3}\{:(?![:/])(?!\w[\w-]*:)((?:\\\}|[^}\n])+)\}[ \t]*(?:\n|$)/;
const SPAN_IAL = /^\{:(?![:/])((?:\\\}|[^}\n])+)\}/;

export const aldExtension: TokenizerExtension & RendererExtension = {
  name: 'kdAld',
  level: 'block',
  tokenizer(src) {
    const m = ALD.exec(src);
    if (!m) return undefined;
    const state = stateOf(this.lexer);
    state.alds.set(m[1]!, parseAttributeList(m[2]!, state.alds.get(m[1]!) ?? emptyAttrs()));
    return { type: 'kdAld', raw: m[0] };
  },
  renderer: () => '',
};

export const blockIalExtension: TokenizerExtension & RendererExtension = {
  name: 'kdIal',
  level: 'block',
  tokenizer(src) {
    const m = BLOCK_IAL.exec(src);
    if (!m) return undefined;
    return { type: 'kdIal', raw: m[0], attrs: parseAttributeList(m[1]!) };
  },
  renderer: () => '',
};

export const spanIalExtension: TokenizerExtension & RendererExtension = {
  name: 'kdSpanIal',
  level: 'inline',
  tokenizer(src) {
    const m = SPAN_IAL.exec(src);
    if (!m) return undefined;
    return { type: 'kdSpanIal', raw: m[0], attrs: parseAttributeList(m[1]!) };
  },
  renderer: () => '',
};

const SPAN_TARGETS = new Set(['em', 'strong', 'codespan', 'link', 'image', 'del', 'kdAbbr']);
const BLOCK_SKIP = new Set(['space', 'kdIal', 'kdAld', 'kdFootnoteDef', 'kdAbbrDef', 'def']);

function give(t: KdToken, attrs: Attrs) {
  t.kdAttrs = t.kdAttrs ? mergeAttrs(t.kdAttrs, attrs) : attrs;
}

/**
 * Gives each attribute list's attributes to its element, after the lex (the tokens hold
 * where each list stood). `{:toc}` on a list is left in `kdAttrs.refs` for toc.ts.
 */
export function applyAttributeLists(tokens: KdToken[], alds: ReadonlyMap<string, Attrs>): void {
  eachTokenArray(tokens, (arr) => {
    for (let i = 0; i < arr.length; i++) {
      const t = arr[i]!;
      if (t.type === 'kdSpanIal') {
        const prev = arr[i - 1];
        if (prev && SPAN_TARGETS.has(prev.type))
          give(prev, resolveRefs((t as unknown as { attrs: Attrs }).attrs, alds));
        continue;
      }
      if (t.type !== 'kdIal') continue;
      const attrs = resolveRefs((t as unknown as { attrs: Attrs }).attrs, alds);
      const prev = arr[i - 1];
      if (prev && !BLOCK_SKIP.has(prev.type)) give(prev, attrs);
      else {
        const next = arr.slice(i + 1).find((n) => !BLOCK_SKIP.has(n.type));
        if (next) give(next, attrs);
      }
    }
  });
  // `{: .x}` on the line after a table's last row: GFM reads it as one more row (of empty
  // cells); kramdown ends the table there and gives it the attributes.
  eachTokenArray(tokens, (arr) => {
    for (const t of arr) {
      if (t.type !== 'table') continue;
      const table = t as unknown as Tokens.Table & KdToken;
      const m = BLOCK_IAL.exec(table.raw.trimEnd().split('\n').at(-1) ?? '');
      if (!m || !table.rows.length) continue;
      table.rows.pop();
      give(table, resolveRefs(parseAttributeList(m[1]!), alds));
    }
  });
  // A lazy last line `{: .x}` of a list or a quote (`* two\n{: .x}`, `> a\n{: .x}`, not
  // indented, no `>`): kramdown ends the list or quote there and gives it the attributes.
  eachTokenArray(tokens, (arr) => {
    for (const t of arr) {
      if (t.type !== 'list' && t.type !== 'blockquote') continue;
      const lastLine = t.raw.trimEnd().split('\n').at(-1) ?? '';
      if (!/^ {0,3}\{:/.test(lastLine)) continue;
      const inner = t.type === 'list' ? t.items!.at(-1)?.tokens : t.tokens;
      if (inner?.at(-1)?.type !== 'kdIal') continue;
      const target = inner.slice(0, -1).findLast((n) => !BLOCK_SKIP.has(n.type)) as
        KdToken | undefined;
      if (target?.kdAttrs) {
        const attrs = target.kdAttrs;
        delete target.kdAttrs;
        give(t, attrs);
      }
    }
  });
}

const BLOCK_TYPES = ['paragraph', 'list', 'table', 'blockquote', 'heading', 'code', 'hr'] as const;
const INLINE_TYPES = ['em', 'strong', 'codespan', 'link', 'image', 'del'] as const;

/** Renderers that write `kdAttrs` into the element marked would write (false: marked's own). */
export const attributeRenderers: RendererExtension[] = [...BLOCK_TYPES, ...INLINE_TYPES].map(
  (name) => ({
    name,
    renderer(token) {
      const attrs = (token as KdToken).kdAttrs;
      if (!attrs) return false;
      const r = this.parser.renderer as unknown as Record<string, (t: Tokens.Generic) => string>;
      const html = r[name]!.call(this.parser.renderer, token);
      return injectAttrs(html, attrs, name !== 'heading');
    },
  }),
);
