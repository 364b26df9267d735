import type { PostBody } from '../shared/types.ts';
import { bodyFileOf } from './catalog.ts';

const bodies = new Map<string, Promise<PostBody>>();
/** Bodies already in the page: the server render's, or the page the app took over. */
const inPage = new Map<string, (string | Element)[]>();

/**
 * The body of the post the page was built for, as it stands: the app hands over the page's own
 * part elements (src/app.ts; hydration keeps them where they are, and only a fresh render after
 * a failed hydration moves them in), the server render none (the build puts the parts into the
 * empty `.post-body` afterwards: src/build/prerender.ts).
 */
export function bodyInPage(slug: string, parts: (string | Element)[]): void {
  inPage.set(slug, parts);
}

/**
 * The URL of a post's body file (`assets/posts/<hash>.htmlz`, gzip, named in the catalog:
 * precached, and much smaller than its page); in dev, the dev server's copy (not compressed).
 */
function bodyUrl(slug: string): string {
  if (import.meta.env.DEV) return `/__summit/post/${encodeURIComponent(slug)}.html`;
  const url = bodyFileOf(slug);
  if (url === undefined) throw new Error(`no post "${slug}"`);
  return url;
}

/**
 * Loads a post's body from its body file (one fetch, shared by every caller; retried after a
 * failure): inflated when gzip, read as it is when the host inflated it (readBodyFile); one cut
 * short or corrupt is an error the view shows, naming the file.
 */
export function loadPostBody(slug: string): Promise<PostBody> {
  let body = bodies.get(slug);
  if (!body) {
    body = Promise.resolve()
      .then(() => bodyUrl(slug))
      .then((url) => {
        // The reader of body files is loaded with the first body, not in the first load.
        const reader = import('../shared/page-parts.ts');
        return fetch(url).then(async (r) => {
          if (!r.ok) throw new Error(`${r.status} ${r.statusText}: ${url}`);
          const bytes = new Uint8Array(await r.arrayBuffer());
          return { parts: await (await reader).readBodyFile(bytes, url) };
        });
      });
    body.catch(() => bodies.delete(slug));
    bodies.set(slug, body);
  }
  return body;
}

/**
 * One post's body as the view shows it: its parts (HTML sanitised at build time), added one
 * per task so the first screen shows at once and a long post never blocks the page for long.
 * A body already in the page is shown at once, whole, so taking over the page changes nothing.
 */
export class PostBodyState {
  parts: (string | Element)[] = $state([]);
  done = $state(false);
  error = $state('');
  /** True when the body was already in the page (no scroll: the reader is where they were). */
  readonly fromPage: boolean;

  constructor(slug: string) {
    const present = inPage.get(slug);
    inPage.delete(slug);
    this.fromPage = present !== undefined;
    if (present) {
      this.parts = present;
      this.done = true;
    }
  }

  /** The body being shown (or shown), and how to stop it. */
  #showing: { slug: string; stop: () => void } | undefined;

  /**
   * Starts showing `slug`'s body (`stop` ends it). Asked again for the body it is already
   * showing (the effect ran again), it goes on.
   */
  show(slug: string): void {
    if (this.fromPage) return;
    if (this.#showing?.slug === slug && !this.error) return;
    this.#showing?.stop();
    let live = true;
    this.parts = [];
    this.done = false;
    this.error = '';
    loadPostBody(slug)
      .then(async ({ parts }) => {
        for (const [i, part] of parts.entries()) {
          if (i > 0) await new Promise((r) => setTimeout(r, 0));
          if (!live) return;
          this.parts.push(part);
        }
        // In a task of its own: what waits for the whole body (the scroll-spy, the heading
        // tools, the scroll to the talk) does not share the last part's task.
        await new Promise((r) => setTimeout(r, 0));
        if (live) this.done = true;
      })
      .catch((e: unknown) => {
        if (live) this.error = e instanceof Error ? e.message : String(e);
      });
    this.#showing = {
      slug,
      stop: () => {
        live = false;
      },
    };
  }

  /** Stops showing (the view goes). */
  stop(): void {
    this.#showing?.stop();
    this.#showing = undefined;
  }
}
