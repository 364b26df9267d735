/**
 * Liquid as Jekyll runs it over a post body, before kramdown: liquidjs (a Jekyll-compatible
 * Liquid) with Jekyll's context (`site.*`, `page.*`), its filters and tags (`include` with
 * parameters from the site's `_includes`, `highlight`, `post_url`, `link`).
 *
 * Jekyll stops the build on a Liquid error; the reader goes on. Every problem is one warning
 * naming the post's file and line, and what could not be rendered stays in the post as text:
 * - an unknown tag renders nothing; an unknown filter passes its value on (as Jekyll does);
 * - a syntax error (a tag not closed, a bad expression) shows the tag's source as text;
 * - `{% raw %}` without `{% endraw %}` keeps the rest of the body literally;
 * - a missing include, an include loop, or an error while rendering a top-level tag: the
 *   include renders nothing, the tag's source is shown as text.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { escapeAttr, escapeText } from '../shared/escape.ts';
import path from 'node:path';
import {
  Context,
  Liquid,
  LiquidError,
  Tag,
  type Emitter,
  type Template,
  type TagToken,
  type TopLevelToken,
} from 'liquidjs';
import { Parser } from 'marked';
import { parse as parseYaml } from 'yaml';
import { isPostFile, parseFileName, POST_EXTENSION } from '../shared/jekyll/filename.ts';
import { normaliseSource, parseFrontMatter } from '../shared/jekyll/front-matter.ts';
import {
  applyTypography,
  kramdownTypography,
  prepareMarkdown,
  type LiquidInput,
  type LiquidRenderer,
} from '../shared/jekyll/kramdown.ts';
import { lex } from '../shared/markdown.ts';
import { postRef } from '../shared/routes.ts';
import { permalinkPath, type SiteConfig } from '../shared/jekyll/site.ts';
import type { Problem } from '../shared/types.ts';

export interface LiquidOptions {
  /** The site's settings (`site.*`); the keys of `_config.yml` beside the folder are added. */
  site: SiteConfig;
  /** The posts folder: `_includes` and `_config.yml` are looked for beside it (Jekyll's `_posts/..`). */
  postsDir?: string;
  /** Extra `site.*` keys (tests). */
  siteData?: Record<string, unknown>;
  /** Where includes are read from; by default `<postsDir>/../_includes`, if it exists. */
  includesDir?: string;
}

/** Jekyll's tag names that a site may use: they render nothing here, with a warning. */
const BUILT_IN = new Set([
  'assign', 'capture', 'endcapture', 'case', 'when', 'else', 'elsif', 'endcase', 'comment',
  'endcomment', 'for', 'endfor', 'break', 'continue', 'if', 'endif', 'unless', 'endunless',
  'raw', 'endraw', 'cycle', 'increment', 'decrement', 'tablerow', 'endtablerow', 'include',
  'highlight', 'endhighlight', 'echo', 'liquid', 'render', 'layout', 'block', 'endblock',
]); // prettier-ignore

const MAX_INCLUDE_DEPTH = 10;
const MAX_RETRIES = 200;

/** One render's bookkeeping: the engine is shared, so tags and filters report here. */
interface RenderState {
  file: string;
  bodyLine: number;
  problems: Problem[];
  includes: { name: string; line: number }[];
}

function readYamlObject(file: string): Record<string, unknown> {
  try {
    const data: unknown = parseYaml(readFileSync(file, 'utf8'));
    return data && typeof data === 'object' && !Array.isArray(data)
      ? (data as Record<string, unknown>)
      : {};
  } catch {
    return {}; // site-plugin.ts warns about an unreadable config
  }
}

/** A front matter or config date as a Date (Jekyll reads `2015-05-19 10:00:00 +0800`). */
export function toDate(v: unknown): Date | undefined {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? undefined : v;
  if (typeof v !== 'string') return undefined;
  const m =
    /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?\s*$/.exec(
      v.trim(),
    );
  if (!m) return undefined;
  const p = (s: string | undefined) => (s ?? '0').padStart(2, '0');
  let zone = m[7] ?? 'Z';
  if (zone !== 'Z' && !zone.includes(':')) zone = `${zone.slice(0, 3)}:${zone.slice(3)}`;
  const d = new Date(`${m[1]}-${p(m[2])}-${p(m[3])}T${p(m[4])}:${p(m[5])}:${p(m[6])}${zone}`);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/** Jekyll's `ensure_leading_slash`. */
const leadingSlash = (s: string) => (s.startsWith('/') ? s : `/${s}`);
const isAbsoluteUrl = (s: string) => /^[a-z][a-z0-9+.-]*:/i.test(s);

/** A fence for `content`: longer than any backtick run inside it. */
function fenceFor(content: string): string {
  let longest = 0;
  for (const m of content.matchAll(/`+/g)) longest = Math.max(longest, m[0].length);
  return '`'.repeat(Math.max(3, longest + 1));
}

/** Literal text for Liquid: shown as written, never evaluated. */
const literal = (s: string) =>
  `{% raw %}${s.replace(/\{(%-?\s*endraw\s*-?%\})/g, "{% endraw %}{{ '{' }}{% raw %}$1")}{% endraw %}`;

/** The last `{% raw %}` with no `{% endraw %}` after it. */
function lastRawOpener(source: string): { start: number; end: number } | undefined {
  let found: { start: number; end: number } | undefined;
  for (const m of source.matchAll(/\{%-?\s*(raw|endraw)\s*-?%\}/g)) {
    if (m[1] === 'raw') found ??= { start: m.index, end: m.index + m[0].length };
    else found = undefined;
  }
  return found;
}

/** Makes the renderer the build gives analysePost: one engine for every post of a folder. */
export function createLiquidRenderer(options: LiquidOptions): LiquidRenderer {
  const { site } = options;
  const siteDir = options.postsDir ? path.resolve(options.postsDir, '..') : undefined;
  const configFile = siteDir && path.join(siteDir, '_config.yml');
  const config = configFile && existsSync(configFile) ? readYamlObject(configFile) : {};
  const includesDir =
    options.includesDir ??
    (siteDir && existsSync(path.join(siteDir, '_includes'))
      ? path.join(siteDir, '_includes')
      : undefined);
  const siteData: Record<string, unknown> = {
    ...config,
    ...site,
    ...options.siteData,
    time: toDate(options.siteData?.['time'] ?? config['time']) ?? new Date(),
  };
  // `site.posts` (newest first), `site.tags` and `site.categories`, as Jekyll gives them: made
  // when a post first reads one, so a site whose posts never do pays nothing.
  let posts: Record<string, unknown>[] | undefined;
  const allPosts = () =>
    (posts ??= options.postsDir ? sitePosts(options.postsDir, siteData, renderExcerpt) : []);
  const byKey = (key: 'tags' | 'categories') => () => {
    const out: Record<string, Record<string, unknown>[]> = {};
    for (const post of allPosts())
      for (const name of post[key] as string[]) (out[name] ??= []).push(post);
    return out;
  };
  const lazy = (name: string, make: () => unknown) => {
    let value: unknown;
    let made = false;
    Object.defineProperty(siteData, name, {
      enumerable: true,
      get: () => {
        if (!made) {
          value = make();
          made = true;
        }
        return value;
      },
    });
  };
  lazy('posts', allPosts);
  lazy('tags', byKey('tags'));
  lazy('categories', byKey('categories'));

  const engine = new Liquid({
    strictFilters: true,
    dynamicPartials: false,
    jekyllInclude: true,
    timezoneOffset: 0,
    ownPropertyOnly: true,
    greedy: true,
    // A post must not hold the build: `{% for i in (1..1000000000) %}` fails fast instead.
    renderLimit: 10_000,
    memoryLimit: 64_000_000,
  });
  let state: RenderState = { file: '', bodyLine: 1, problems: [], includes: [] };

  /** The post's line of a token (inside an include: the line of the outermost include tag). */
  const lineOf = (token: { getPosition(): number[] }): number =>
    state.includes.length > 0
      ? state.includes[0]!.line
      : state.bodyLine + (token.getPosition()[0] ?? 1) - 1;
  const where = (token: { getPosition(): number[] }) =>
    state.includes.length > 0
      ? ` (in _includes/${state.includes.at(-1)!.name}, line ${token.getPosition()[0]})`
      : '';
  const warn = (token: { getPosition(): number[] }, message: string) =>
    state.problems.push({ file: state.file, line: lineOf(token), message: message + where(token) });

  // Jekyll's own filters (liquidjs has Shopify's and most of Jekyll's already).
  const baseurl = () => String(siteData['baseurl'] ?? '').replace(/\/$/, '');
  const relativeUrl = (input: unknown): string => {
    if (input === null || input === undefined) return '';
    const s = String(input);
    if (isAbsoluteUrl(s)) return s;
    return leadingSlash(baseurl()) === '/'
      ? leadingSlash(s)
      : `${leadingSlash(baseurl())}${leadingSlash(s)}`;
  };
  engine.registerFilter('relative_url', relativeUrl);
  engine.registerFilter('absolute_url', (input: unknown) => {
    if (input === null || input === undefined) return '';
    const s = String(input);
    if (isAbsoluteUrl(s)) return s;
    const url = String(siteData['url'] ?? '');
    if (!url || s.startsWith('//')) return relativeUrl(s);
    return url.replace(/\/$/, '') + relativeUrl(s);
  });
  // kramdown over a string: the body's own Markdown steps, typography included.
  const markdownify = (input: unknown, liquidEvaluated = true) => {
    const tokens = lex(prepareMarkdown(String(input ?? ''), { liquidEvaluated }));
    applyTypography(tokens);
    return new Parser().parse(tokens);
  };
  engine.registerFilter('markdownify', (input: unknown) => markdownify(input));
  /** Another post's excerpt, in HTML: its Markdown, with its Liquid left out (not run twice). */
  function renderExcerpt(markdown: string): string {
    return markdownify(markdown, false);
  }
  // Ruby's `encode(xml: :attr)`: `"` too.
  engine.registerFilter('xml_escape', (input: unknown) =>
    input === null || input === undefined ? '' : escapeAttr(String(input)),
  );
  engine.registerFilter('smartify', (input: unknown) => kramdownTypography(String(input ?? '')));

  // Jekyll's tags.
  engine.registerTag(
    'post_url',
    class extends Tag {
      private readonly postName: string;
      constructor(token: TagToken, remain: TopLevelToken[], liquid: Liquid) {
        super(token, remain, liquid);
        this.postName = token.args.trim();
      }
      *render(_ctx: Context, emitter: Emitter) {
        const name = this.postName.split('/').pop() ?? '';
        if (!name) warn(this.token, 'post_url needs a post name');
        else emitter.write(postRef(name.replace(POST_EXTENSION, '')));
      }
    },
  );
  engine.registerTag(
    'link',
    class extends Tag {
      private readonly target: string;
      constructor(token: TagToken, remain: TopLevelToken[], liquid: Liquid) {
        super(token, remain, liquid);
        this.target = token.args.trim();
      }
      *render(ctx: Context, emitter: Emitter) {
        const target = this.target.includes('{{')
          ? String(engine.parseAndRenderSync(this.target, ctx.getAll() as object))
          : this.target;
        const file = path.posix.basename(target);
        const post = /(^|\/)_posts\//.test(target) ? parseFileName(file) : undefined;
        if (post?.date) emitter.write(postRef(post.slug));
        else emitter.write(relativeUrl(target.replace(POST_EXTENSION, '.html')));
      }
    },
  );
  engine.registerTag(
    'highlight',
    class extends Tag {
      private readonly lang: string;
      private readonly linenos: boolean;
      private readonly templates: Template[] = [];
      private readonly indent: string;
      constructor(token: TagToken, remain: TopLevelToken[], liquid: Liquid) {
        super(token, remain, liquid);
        const [lang = '', ...opts] = token.args.trim().split(/\s+/);
        this.lang = /^[\w+#.-]+$/.test(lang) ? lang : '';
        this.linenos = opts.some((o) => /^linenos\b/.test(o));
        const lineStart = token.input.lastIndexOf('\n', token.begin - 1) + 1;
        const before = token.input.slice(lineStart, token.begin);
        this.indent = /^[ \t]*$/.test(before) ? before : '';
        let closed = false;
        const stream = liquid.parser
          .parseStream(remain)
          .on('tag:endhighlight', () => {
            closed = true;
            stream.stop();
          })
          .on<Template>('template', (tpl) => this.templates.push(tpl))
          .on('end', () => {
            if (!closed) throw new Error(`tag ${token.getText()} not closed`);
          });
        stream.start();
      }
      *render(ctx: Context, emitter: Emitter): Generator<unknown, void, string> {
        const raw: string = yield this.liquid.renderer.renderTemplates(this.templates, ctx);
        // Jekyll trims the newlines around the code; a last line of only the tag's indent goes too.
        const code = raw
          .replace(/^[\r\n]+/, '')
          .replace(/\n[ \t]*$/, '')
          .replace(/[\r\n]+$/, '');
        if (this.linenos) {
          // The table Jekyll writes (rouge), on one line so it stays one HTML block.
          const nl = (s: string) => escapeText(s).replace(/\n/g, '&#10;');
          const numbers = code
            .split('\n')
            .map((_, i) => `${i + 1}\n`)
            .join('');
          const lang = escapeText(this.lang);
          emitter.write(
            `<figure class="highlight"><pre><code class="language-${lang}" data-lang="${lang}">` +
              `<table class="rouge-table"><tbody><tr><td class="gutter gl"><pre class="lineno">${nl(numbers)}</pre></td>` +
              `<td class="code"><pre>${nl(`${code}\n`)}</pre></td></tr></tbody></table></code></pre></figure>`,
          );
          return;
        }
        const fence = fenceFor(code);
        const lead = this.indent || this.token.begin === 0 ? '' : '\n';
        emitter.write(`${lead}${fence}${this.lang}\n${code}\n${this.indent}${fence}`);
      }
    },
  );

  const partials = new Map<string, Template[]>();
  engine.registerTag(
    'include',
    class extends Tag {
      private readonly file: string;
      private readonly params: [string, string][] = [];
      constructor(token: TagToken, remain: TopLevelToken[], liquid: Liquid) {
        super(token, remain, liquid);
        const args = token.args.trim();
        const m = /^(\{\{.*?\}\}\S*|\S+)\s*(.*)$/s.exec(args);
        this.file = m?.[1] ?? '';
        for (const p of (m?.[2] ?? '').matchAll(
          /([\w-]+)\s*=\s*("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|[^\s"']+)/g,
        ))
          this.params.push([p[1]!, p[2]!]);
      }
      *render(ctx: Context, emitter: Emitter): Generator<unknown, void, string> {
        const scope = ctx.getAll() as object;
        const name = this.file.includes('{{')
          ? String(engine.parseAndRenderSync(this.file, scope)).trim()
          : this.file;
        if (!includesDir) {
          warn(
            this.token,
            `include ${name}: this posts folder has no _includes beside it; nothing is shown`,
          );
          return;
        }
        const file = path.resolve(includesDir, name);
        if (
          !file.startsWith(includesDir + path.sep) ||
          !existsSync(file) ||
          !statSync(file).isFile()
        ) {
          warn(this.token, `include ${name}: no such file in _includes; nothing is shown`);
          return;
        }
        if (
          state.includes.some((i) => i.name === name) ||
          state.includes.length >= MAX_INCLUDE_DEPTH
        ) {
          warn(this.token, `include ${name}: includes itself (an include loop); it is shown once`);
          return;
        }
        const params: Record<string, unknown> = {};
        for (const [key, value] of this.params) {
          params[key] = /^["']/.test(value)
            ? value.slice(1, -1).replace(/\\(["'])/g, '$1')
            : engine.evalValueSync(value, ctx);
        }
        state.includes.push({ name, line: lineOf(this.token) });
        try {
          let templates = partials.get(file);
          if (!templates) {
            templates = engine.parse(readFileSync(file, 'utf8'));
            partials.set(file, templates);
          }
          ctx.push({ include: params });
          try {
            const out: string = yield this.liquid.renderer.renderTemplates(templates, ctx);
            emitter.write(out);
          } finally {
            ctx.pop();
          }
        } catch (e) {
          warn(
            this.token,
            `include ${name}: ${(e as Error).message.split('\n')[0]}; nothing is shown`,
          );
        } finally {
          state.includes.pop();
        }
      }
    },
  );

  const unknownTag = (tagName: string) =>
    class extends Tag {
      *render() {
        warn(
          this.token,
          `unknown Liquid tag "${tagName}" (Jekyll would stop here); it renders nothing`,
        );
      }
    };
  const unknownFilter = (filterName: string) =>
    function (this: { token: { getPosition(): number[] } }, value: unknown) {
      warn(this.token, `unknown Liquid filter "${filterName}"; the value is passed on unchanged`);
      return value;
    };

  /** Parses, turning each parse error into a warning and a fix of the source; never throws. */
  function parse(body: string): { templates: Template[]; source: string } {
    let source = body;
    for (let attempt = 0; attempt < MAX_RETRIES; attempt++) {
      try {
        return { templates: engine.parse(source), source };
      } catch (e) {
        if (!(e instanceof LiquidError) || !e.token) throw e;
        const token = e.token;
        const message = e.message.split(', line:')[0]!;
        const unknown = /^tag "([\w-]+)" not found/.exec(message);
        const filter = /^undefined filter: ([\w-]+)/.exec(message);
        if (unknown && !BUILT_IN.has(unknown[1]!)) {
          engine.registerTag(unknown[1]!, unknownTag(unknown[1]!));
          continue;
        }
        if (filter) {
          engine.registerFilter(filter[1]!, unknownFilter(filter[1]!));
          continue;
        }
        if (token.input !== source) throw e;
        warn(token, `Liquid: ${message}; shown as text`);
        let next: string;
        const opener = /^raw\b.* not closed/s.test(message) ? lastRawOpener(source) : undefined;
        if (opener) {
          // The rest of the body, from the opener on, as written.
          next = `${source.slice(0, opener.start)}${literal(source.slice(opener.end))}`;
        } else {
          // The whole tag or output the error is in (the token may be an expression inside it).
          const tagAt = source.lastIndexOf('{%', token.begin);
          const outAt = source.lastIndexOf('{{', token.begin);
          const start = Math.max(tagAt, outAt, 0);
          const close = source.indexOf(start === outAt ? '}}' : '%}', Math.max(start, token.begin));
          const end = Math.max(token.begin, close < 0 ? source.length : close + 2);
          next = `${source.slice(0, start)}${literal(source.slice(start, end))}${source.slice(end)}`;
        }
        if (next === source) break;
        source = next;
      }
    }
    throw new Error('too many Liquid errors');
  }

  return (input: LiquidInput) => {
    state = { file: input.file, bodyLine: input.bodyLine, problems: [], includes: [] };
    const page = pageData(input, siteData);
    let out: string;
    try {
      const { templates, source } = parse(input.body);
      const ctx = new Context({ site: siteData, page }, engine.options);
      const chunks: string[] = [];
      // Top-level tags one by one: an error costs only its own tag, shown as written.
      type Located = { token?: { begin: number; input: string; getPosition(): number[] } };
      const begin = (i: number) => {
        const token = (templates[i] as Located | undefined)?.token;
        return token && token.input === source ? token.begin : source.length;
      };
      for (let i = 0; i < templates.length; i++) {
        try {
          chunks.push(String(engine.renderSync([templates[i]!], ctx)));
        } catch (e) {
          // The template's whole source (a block runs up to the next top-level template).
          const token = (templates[i] as Located).token;
          if (token)
            warn(token, `Liquid: ${(e as Error).message.split(', line:')[0]}; shown as text`);
          chunks.push(source.slice(begin(i), begin(i + 1)));
        }
      }
      out = chunks.join('');
    } catch (e) {
      state.problems.push({
        file: input.file,
        line: input.bodyLine,
        message: `Liquid cannot be read (${(e as Error).message.split('\n')[0]}); the body is shown without it`,
      });
      return { text: input.body, problems: state.problems, evaluated: false };
    }
    return { text: out, problems: state.problems, evaluated: true };
  };
}

/**
 * Jekyll's `site.posts`: every published post of the folder, newest first (ties: the later
 * path first, as Jekyll orders them), each with what `page` has for it (title, url, date,
 * tags, categories, slug, id, path…) and its `excerpt` (HTML, made when first read) and
 * `content` (its Markdown).
 */
function sitePosts(
  postsDir: string,
  site: Record<string, unknown>,
  renderExcerpt: (markdown: string) => string,
): Record<string, unknown>[] {
  let names: string[];
  try {
    names = readdirSync(postsDir).filter(isPostFile).sort();
  } catch {
    return [];
  }
  const siteSeparator =
    typeof site['excerpt_separator'] === 'string' ? site['excerpt_separator'] : '\n\n';
  const out: { post: Record<string, unknown>; time: number; name: string }[] = [];
  for (const name of names) {
    if (!parseFileName(name).date) continue;
    let source: string;
    try {
      const file = path.join(postsDir, name);
      if (!statSync(file).isFile()) continue;
      source = normaliseSource(readFileSync(file, 'utf8'));
    } catch {
      continue; // read-posts.ts says what is wrong with the file
    }
    const fm = parseFrontMatter(source, name);
    if (fm.data['published'] === false) continue;
    const post = pageData(
      { file: name, body: fm.body, data: fm.data, bodyLine: fm.bodyLine },
      site,
    );
    const given = fm.data['excerpt'];
    const separator =
      typeof fm.data['excerpt_separator'] === 'string' && fm.data['excerpt_separator'] !== ''
        ? fm.data['excerpt_separator']
        : siteSeparator;
    let excerpt: string | undefined;
    Object.defineProperty(post, 'excerpt', {
      enumerable: true,
      get: () =>
        (excerpt ??= renderExcerpt(
          typeof given === 'string' ? given : (fm.body.trim().split(separator, 1)[0] ?? ''),
        )),
    });
    post['content'] = fm.body;
    const date = post['date'];
    out.push({ post, time: date instanceof Date ? date.getTime() : 0, name });
  }
  out.sort((a, b) => b.time - a.time || (a.name < b.name ? 1 : a.name > b.name ? -1 : 0));
  return out.map((p) => p.post);
}

/** Jekyll's `page.*` for a post: its front matter and the variables Jekyll adds. */
function pageData(input: LiquidInput, site: Record<string, unknown>): Record<string, unknown> {
  const data = input.data;
  const fromName = parseFileName(input.file);
  const list = (v: unknown): string[] =>
    Array.isArray(v) ? v.map(String) : typeof v === 'string' ? v.split(/\s+/).filter(Boolean) : [];
  const categories =
    data['category'] !== undefined && data['category'] !== null
      ? list(Array.isArray(data['category']) ? data['category'] : [String(data['category'])])
      : list(data['categories']);
  const tags =
    data['tag'] !== undefined && data['tag'] !== null
      ? list([String(data['tag'])])
      : list(data['tags']);
  const date = toDate(data['date']) ?? toDate(fromName.date);
  const isoDate = date ? date.toISOString().slice(0, 10) : '';
  const url = permalinkPath(
    { slug: fromName.slug, date: isoDate, categories },
    typeof data['permalink'] === 'string' ? data['permalink'] : String(site['permalink'] ?? 'date'),
  );
  return {
    ...data,
    title: data['title'] ?? fromName.title,
    date,
    slug:
      typeof data['slug'] === 'string'
        ? data['slug']
        : fromName.slug.replace(/^\d{4}-\d{2}-\d{2}-/, ''),
    categories,
    tags,
    url,
    id: url.replace(/\.html$|\/$/, ''),
    path: `_posts/${input.file}`,
    name: input.file,
    collection: 'posts',
    draft: false,
    ext: path.extname(input.file),
  };
}
