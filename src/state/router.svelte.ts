import { parseRoute, type Route } from '../shared/routes.ts';

/** The current route, following the address bar (back, forward, typed links). */
class Router {
  current = $state<Route>(parseRoute(location.hash));
  /**
   * Counts arrivals, including a link to the route already shown (which fires no
   * hashchange): views that scroll to a talk or mark search hits redo it on each arrival.
   */
  visit = $state(0);

  constructor() {
    addEventListener('hashchange', () => {
      this.current = parseRoute(location.hash);
      this.visit++;
    });
  }

  /** Goes to `href` (a `#/…` route); going to the route already shown counts as a new visit. */
  go(href: string): void {
    if (location.hash === href) this.visit++;
    else location.hash = href;
  }

  /** For a link just clicked: when it points at the current route, count a new visit. */
  arrivedAgain(href: string): void {
    if (location.hash === href) this.visit++;
  }
}

export const router = new Router();
