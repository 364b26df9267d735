import type { Route } from '../shared/routes.ts';
import { routeOf } from './links.ts';

/** What the router keeps in each history entry: which entry it is, where the reader was. */
interface EntryState {
  summitKey?: string;
  summitScroll?: number;
}

const entry = () => (history.state as EntryState | null) ?? {};
const newKey = () => Math.random().toString(36).slice(2);

const here = () => new URL(location.href);

/**
 * The current route, from the address bar. Every page is a real file (src/shared/routes.ts);
 * once the app runs, links inside the site change the page with the History API instead of a
 * full load: back, forward and reload land on the same pages, and each entry keeps its scroll.
 */
class Router {
  current = $state<Route>(routeOf(here()) ?? { name: 'notfound', path: location.pathname });
  /**
   * Counts arrivals, including a link to the route already shown: views that scroll to a
   * talk or mark search hits redo it on each arrival.
   */
  visit = $state(0);
  /** Set on back/forward (and reload): the scroll position to go back to, once shown. */
  restoreScroll: number | undefined = undefined;

  /** The current history entry's key, and the scroll position of every entry seen. */
  #key = '';
  readonly #positions = new Map<string, number>();
  #persist = 0;

  constructor() {
    if (import.meta.env.SSR) return;
    const { summitKey, summitScroll } = entry();
    this.#key = summitKey ?? newKey();
    if (!summitKey) history.replaceState({ ...entry(), summitKey: this.#key }, '');
    if (summitScroll !== undefined) this.restoreScroll = summitScroll;
    addEventListener('popstate', () => {
      // The entry left: where the reader was (a scroll event may not have told yet).
      this.#positions.set(this.#key, scrollY);
      const { summitKey: key, summitScroll: saved } = entry();
      this.#key = key ?? newKey();
      this.#arrive((key ? this.#positions.get(key) : undefined) ?? saved);
    });
    // A fragment link within the page (a TOC entry, a footnote) is the browser's own.
    addEventListener('hashchange', () => {
      // A new entry (the browser's): a key of its own.
      if (!entry().summitKey) {
        this.#key = newKey();
        history.replaceState({ ...entry(), summitKey: this.#key }, '');
      } else this.#key = entry().summitKey!;
      this.#arrive(undefined);
    });
    // Each entry's position, kept as the reader scrolls (an entry cannot be written once
    // left), and written into the entry now and then, for a reload.
    addEventListener(
      'scroll',
      () => {
        this.#positions.set(this.#key, scrollY);
        clearTimeout(this.#persist);
        this.#persist = window.setTimeout(() => this.#saveScroll(), 200);
      },
      { passive: true },
    );
    // Leaving (a reload): the last position, written now; the browser restores it as the
    // page comes back (the built page has the same layout), before any script.
    addEventListener('beforeunload', () => {
      this.#saveScroll();
      history.scrollRestoration = 'auto';
    });
    document.addEventListener('click', (e) => this.#onclick(e));
  }

  #arrive(scroll: number | undefined): void {
    this.restoreScroll = scroll;
    this.current = routeOf(here()) ?? { name: 'notfound', path: location.pathname };
    this.visit++;
  }

  #saveScroll(): void {
    if (entry().summitKey !== this.#key) return;
    history.replaceState({ ...entry(), summitScroll: scrollY }, '');
  }

  /** Goes to `href` (a link from src/state/links.ts); the route already shown is a new visit. */
  go(href: string, replace = false): void {
    const url = new URL(href, location.href);
    if (url.href === location.href) {
      this.visit++;
      return;
    }
    if (routeOf(url) === undefined) {
      location.assign(url);
      return;
    }
    if (replace) history.replaceState(entry(), '', url);
    else {
      this.#saveScroll();
      this.#positions.set(this.#key, scrollY);
      this.#key = newKey();
      history.pushState({ summitKey: this.#key }, '', url);
      // This entry's scroll is the app's to restore (its content comes after the move).
      history.scrollRestoration = 'manual';
    }
    this.#arrive(undefined);
  }

  /** For a link just clicked: when it points at the current route, count a new visit. */
  arrivedAgain(href: string): void {
    if (new URL(href, location.href).href === location.href) this.visit++;
  }

  #onclick(e: MouseEvent): void {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey)
      return;
    const a = (e.target as Element | null)?.closest?.('a[href]');
    if (!(a instanceof HTMLAnchorElement) || a.hasAttribute('download')) return;
    if (a.target && a.target !== '_self') return;
    const url = new URL(a.href);
    if (url.origin !== location.origin) return;
    const now = here();
    // Only the fragment differs: the browser scrolls, and hashchange tells the router.
    if (url.pathname === now.pathname && url.search === now.search && url.hash !== '') return;
    const route = routeOf(url);
    // Files that are not the reader's pages (images, the feed): the browser opens them.
    if (!route || route.name === 'notfound') return;
    e.preventDefault();
    this.go(url.href);
  }
}

export const router = new Router();
