import { parseRoute, type Route } from './routes.ts';

/** The current route, following the address bar (back, forward, typed links). */
class Router {
  current = $state<Route>(parseRoute(location.hash));

  constructor() {
    addEventListener('hashchange', () => {
      this.current = parseRoute(location.hash);
    });
  }
}

export const router = new Router();
