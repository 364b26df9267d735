import { links, postHref } from './links.ts';
import { place } from './place.svelte.ts';

const UPDATE_CHECK_MS = 60 * 60 * 1000;

/**
 * The service worker, seen from the app. Registration that fails (file://, plain http on
 * another host, disabled service workers, a full disk) only logs a warning: reading goes on.
 */
class Pwa {
  /** A new build is installed and waiting: offer a reload. */
  needRefresh = $state(false);

  start(): void {
    if (!('serviceWorker' in navigator)) return;
    // From the site root, whatever page the reader came in by (every page is a real file).
    const root = new URL(links.library(), location.href).href;
    import('workbox-window')
      .then(async ({ Workbox }) => {
        const wb = new Workbox(`${root}sw.js`, { scope: root });
        // A new build installed beside the running one: offer the reload.
        wb.addEventListener('waiting', () => {
          this.needRefresh = true;
        });
        const registration = await wb.register({ immediate: true });
        if (!registration) return;
        // Ask for a new build now and then, and when the reader comes back to the tab.
        // A failed check (offline, server down) is ignored: the next one may succeed.
        const check = () => {
          if (navigator.onLine) registration.update().catch(() => undefined);
        };
        setInterval(check, UPDATE_CHECK_MS);
        document.addEventListener('visibilitychange', () => {
          if (document.visibilityState === 'visible') check();
        });
      })
      .catch((error: unknown) => {
        console.warn('Summit Reader works without offline support here:', error);
      });
  }

  /**
   * Switches to the waiting build. The old service worker keeps serving the old chunks until
   * this moment, and the page reloads as a whole, so old and new code never mix. The
   * reader's post and talk go into the address bar first, so the reload lands there.
   */
  async reload(): Promise<void> {
    if (place.slug) {
      history.replaceState(history.state, '', postHref(place.slug, place.section || undefined));
    }
    const container = navigator.serviceWorker;
    if (!container || !(await container.getRegistration())?.waiting) {
      location.reload();
      return;
    }
    let switched = false;
    container.addEventListener(
      'controllerchange',
      () => {
        switched = true;
        location.reload();
      },
      { once: true },
    );
    // A waiting worker that is busy with an update check can miss the message: ask again.
    for (let attempt = 0; attempt < 20 && !switched; attempt++) {
      (await container.getRegistration())?.waiting?.postMessage({ type: 'SKIP_WAITING' });
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    // Still the old worker: a plain reload keeps reading (the old build, whole) and asks again.
    if (!switched) location.reload();
  }

  dismiss(): void {
    this.needRefresh = false;
  }
}

export const pwa = new Pwa();
