import { escapeAttr } from '../escape.ts';

/**
 * kramdown's attribute lists (kramdown 2.4, parser/kramdown/extensions.rb): inline attribute
 * lists `{: .class #id key="value" ref}` and attribute list definitions `{:ref: .class}`.
 * Pure: the attributes are parsed here and written into the element's start tag; what may
 * stay is decided by the sanitiser (src/sanitise/policy.ts), never here.
 */
export interface Attrs {
  /** Classes, in order. */
  classes: string[];
  /** The element id (`#id` or `id="…"`), as written. */
  id?: string;
  /** Other `key="value"` pairs (the sanitiser drops all but a few). */
  pairs: [string, string][];
  /** Names of attribute list definitions (and `toc`). */
  refs: string[];
}

export const emptyAttrs = (): Attrs => ({ classes: [], pairs: [], refs: [] });

const ID_NAME = String.raw`\w[\w-]*`;
const KEY_VALUE = String.raw`(${ID_NAME})=("|')((?:\\\}|\\\2|[^\}\2])*?)\2`;
const CLASS_NAME = String.raw`[^\s.#]+`;
const ID_OR_CLASS_MULTI = String.raw`((?:#[A-Za-z][\w:-]*|\.${CLASS_NAME})+)`;
/** kramdown's ALD_TYPE_ANY, with Ruby's `\A`/`\Z` as `^`/`$`. */
const ANY = new RegExp(
  String.raw`(?:^|\s)(?:${KEY_VALUE}|(${ID_NAME})|${ID_OR_CLASS_MULTI})(?=\s|$)`,
  'g',
);
const ID_OR_CLASS = new RegExp(String.raw`#([A-Za-z][\w:-]*)|\.(${CLASS_NAME})`, 'g');

/** Parses the inside of `{:` … `}` into `into` (kramdown's parse_attribute_list). */
export function parseAttributeList(text: string, into: Attrs = emptyAttrs()): Attrs {
  const s = text.trim();
  if (s === '' || s === ':') return into;
  for (const m of s.matchAll(ANY)) {
    const [, key, sep, value, ref, idClass] = m;
    if (ref) into.refs.push(ref);
    else if (idClass) {
      for (const ic of idClass.matchAll(ID_OR_CLASS)) {
        if (ic[2]) into.classes.push(ic[2]);
        else into.id = ic[1];
      }
    } else if (key) {
      const v = value!.replace(new RegExp(String.raw`\\(\}|${sep})`, 'g'), '$1');
      if (key === 'class') into.classes.push(...v.split(/\s+/).filter(Boolean));
      else if (key === 'id') into.id = v;
      else into.pairs.push([key, v]);
    }
  }
  return into;
}

/** `b`'s attributes over `a`'s (classes add up): kramdown's update_ial_with_ial. */
export function mergeAttrs(a: Attrs, b: Attrs): Attrs {
  return {
    classes: [...a.classes, ...b.classes],
    id: b.id ?? a.id,
    pairs: [...a.pairs.filter(([k]) => !b.pairs.some(([k2]) => k2 === k)), ...b.pairs],
    refs: [...a.refs, ...b.refs],
  };
}

/** Resolves `refs` against the post's definitions (`{:name: …}`), one level, as kramdown. */
export function resolveRefs(attrs: Attrs, alds: ReadonlyMap<string, Attrs>): Attrs {
  let out: Attrs = { classes: [], pairs: [], refs: attrs.refs, id: undefined };
  for (const r of attrs.refs) {
    const def = alds.get(r);
    if (def) out = mergeAttrs(out, { ...def, refs: [] });
  }
  return mergeAttrs(out, { ...attrs, refs: [] });
}

/**
 * A fresh prefix (each build) for the ids and in-post links that kramdown's extensions write
 * (`{: #id}`, footnotes, the table of contents). A post cannot write it; the sanitiser keeps
 * only ids that carry it, and gives them as `user-content-<id>` (DOMPurify's
 * SANITIZE_NAMED_PROPS convention): never a heading's id, never an app `summit:` id, and never
 * a name a script could read from `window` or `document` (DOM clobbering).
 */
export const ELEMENT_MARKER = `e${Array.from(crypto.getRandomValues(new Uint8Array(8)), (b) => b.toString(16).padStart(2, '0')).join('')}-`;
export { ELEMENT_ID_PREFIX } from './element-ids.ts';

/** ` id="<marker>id"`: an element id the sanitiser will keep (as `user-content-id`). */
export const elementId = (id: string) => ` id="${ELEMENT_MARKER}${escapeAttr(id)}"`;
/** ` href="<marker>id"`: a link to an element id of the same post. */
export const elementHref = (id: string) => ` href="${ELEMENT_MARKER}${escapeAttr(id)}"`;

const ATTR_NAME = /^[A-Za-z][\w:.-]*$/;

/**
 * Writes the attributes into the first start tag of `html` (the element's own), id first
 * (the sanitiser relies on it), classes merged with the tag's own. `keepId: false` for
 * headings, whose id is the outline's.
 */
export function injectAttrs(html: string, attrs: Attrs, keepId = true): string {
  const m = /^(\s*<[A-Za-z][\w-]*)([^>]*?)(\/?>)/.exec(html);
  if (!m) return html;
  let [, open, rest, close] = m as unknown as [string, string, string, string];
  let classes = attrs.classes;
  const own = / class="([^"]*)"/.exec(rest);
  if (own) {
    classes = [...own[1]!.split(' ').filter(Boolean), ...classes];
    rest = rest.replace(own[0], '');
  }
  const id = keepId && attrs.id ? elementId(attrs.id) : '';
  let add = classes.length ? ` class="${escapeAttr(classes.join(' '))}"` : '';
  const present = new Set([...rest.matchAll(/\s([^\s=]+)=/g)].map((a) => a[1]!.toLowerCase()));
  for (const [k, v] of attrs.pairs) {
    const name = k.toLowerCase();
    if (ATTR_NAME.test(k) && !present.has(name)) {
      present.add(name);
      add += ` ${k}="${escapeAttr(v)}"`;
    }
  }
  return `${open}${id}${rest}${add}${close}${html.slice(m[0].length)}`;
}
