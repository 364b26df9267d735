import { flushSync, hydrate, mount, type Component } from 'svelte';
import App from './components/App.svelte';
import SiteHeader from './components/SiteHeader.svelte';
import { activateHeadLinks } from './dom/head-links.ts';
import { ROOT_ATTR, ROOT_NAMES, type RootName } from './dom/roots.ts';
import { enableWaiting } from './dom/waiting.ts';
import { nextTask, whenIdleAfterLoad } from './dom/yield.ts';
import { bodyInPage } from './state/post-body.svelte.ts';
import { pwa } from './state/pwa.svelte.ts';
import { router } from './state/router.svelte.ts';

const FOCUSABLE = 'a[href], button, input, [tabindex]';
const COMPONENTS: Record<RootName, Component> = { header: SiteHeader, view: App };

/**
 * Starts the reader in #summit:app (src/main.ts loads this module). The build renders every
 * page into #summit:app with Svelte's server renderer (src/build/prerender.ts), hydration
 * comments kept, in two roots (src/dom/roots.ts): the header and the view. The app hydrates
 * them, each in a task of its own, adopting the page's own nodes where they are: nothing is
 * made again, moved or painted again, and the scroll position, the focused control and what
 * was typed in the search field stay as they are. A post's body is the page's own nodes too:
 * PostView renders its `.post-body` empty, and hydration keeps what the build put in it. The
 * app shell (served by the service worker offline: src/build/prerender.ts `shellHtml`) has
 * nothing to hydrate: the app is mounted into it.
 */
activateHeadLinks(document.head);

const target = document.getElementById('summit:app');
if (target) {
  const built = target.hasAttribute('data-prerendered');
  const route = router.current;
  if (route.name === 'post' && built) {
    const parts = [...target.querySelectorAll('.post-body > .post-part')];
    if (parts.length) bodyInPage(route.slug, parts);
  }
  // Should hydration fail, Svelte renders that root afresh (the page's body parts are moved
  // into the new render): the reader's place is then carried over by hand.
  const focusedEl = document.activeElement as HTMLElement | null;
  const focused = [...target.querySelectorAll<HTMLElement>(FOCUSABLE)].indexOf(focusedEl!);
  const scroll = { x: scrollX, y: scrollY };

  for (const name of ROOT_NAMES) {
    // The modules have been evaluated (one task), or the root before hydrated: the next task.
    await nextTask();
    let root = target.querySelector<HTMLElement>(`:scope > [${ROOT_ATTR}="${name}"]`);
    if (!root) {
      // The shell: an empty #summit:app.
      root = document.createElement('div');
      root.setAttribute(ROOT_ATTR, name);
      target.append(root);
    }
    const typed = root.querySelector<HTMLInputElement>('input[type="search"]')?.value ?? '';
    if (built && root.firstChild) hydrate(COMPONENTS[name], { target: root });
    else mount(COMPONENTS[name], { target: root });
    flushSync();
    enableWaiting(root);
    // What was typed before the app started is the field's value (hydration keeps it): search.
    const field = root.querySelector<HTMLInputElement>('input[type="search"]');
    if (field && (field.value || typed)) {
      if (!field.value) field.value = typed;
      field.dispatchEvent(new Event('input', { bubbles: true }));
    }
  }
  target.removeAttribute('data-prerendered');
  if (focusedEl && focused >= 0 && !focusedEl.isConnected) {
    target.querySelectorAll<HTMLElement>(FOCUSABLE)[focused]?.focus({ preventScroll: true });
    if (scrollX !== scroll.x || scrollY !== scroll.y) scrollTo(scroll.x, scroll.y);
  }
}
// Offline support and the update prompt wait until the page has loaded and is idle: the
// worker's install fetches the whole precache, which would compete with the page's start.
whenIdleAfterLoad(() => pwa.start());
