import { flushSync, hydrate, mount } from 'svelte';
import App from './components/App.svelte';
import { enableWaiting } from './dom/waiting.ts';
import { nextTask } from './dom/yield.ts';
import { bodyInPage } from './state/post-body.svelte.ts';
import { pwa } from './state/pwa.svelte.ts';
import { router } from './state/router.svelte.ts';

const FOCUSABLE = 'a[href], button, input, [tabindex]';

/**
 * Starts the reader in #summit:app (src/main.ts loads this module). The build renders every
 * page into #summit:app with Svelte's server renderer (src/build/prerender.ts), hydration
 * comments kept: the app hydrates it, adopting the page's own nodes where they are, so
 * nothing is made again, moved or painted again, and the scroll position, the focused control
 * and what was typed in the search field stay as they are. A post's body is the page's own
 * nodes too: PostView renders its `.post-body` empty, and hydration keeps what the build put in
 * it. The app shell (served by the service worker offline: src/build/prerender.ts `shellHtml`)
 * has nothing to hydrate: the app is mounted into it.
 */
// The page's icons and manifest are written relative to it; the browser resolves them again
// after each History API move, so they are made absolute first. (Not the style sheet: a
// changed href would load it again.)
for (const link of document.head.querySelectorAll<HTMLLinkElement>(
  'link[href]:not([rel~="stylesheet"])',
))
  link.setAttribute('href', link.href);

// The modules have been evaluated (one task): hydrating is the next.
await nextTask();

const target = document.getElementById('summit:app');
if (target) {
  const built = target.hasAttribute('data-prerendered');
  const route = router.current;
  if (route.name === 'post' && built) {
    const parts = [...target.querySelectorAll('.post-body > .post-part')];
    if (parts.length) bodyInPage(route.slug, parts);
  }
  if (built) {
    // Should hydration fail, Svelte renders afresh (the page's body parts are moved into the
    // new render): the reader's place is then carried over by hand.
    const focusedEl = document.activeElement as HTMLElement | null;
    const focused = [...target.querySelectorAll<HTMLElement>(FOCUSABLE)].indexOf(focusedEl!);
    const scroll = { x: scrollX, y: scrollY };
    const typed = target.querySelector<HTMLInputElement>('input[type="search"]')?.value ?? '';
    hydrate(App, { target });
    flushSync();
    enableWaiting(target);
    target.removeAttribute('data-prerendered');
    if (focusedEl && focused >= 0 && !focusedEl.isConnected) {
      target.querySelectorAll<HTMLElement>(FOCUSABLE)[focused]?.focus({ preventScroll: true });
      if (scrollX !== scroll.x || scrollY !== scroll.y) scrollTo(scroll.x, scroll.y);
    }
    // What was typed before the app started is the field's value (hydration keeps it): search.
    const field = target.querySelector<HTMLInputElement>('input[type="search"]');
    if (field && (field.value || typed)) {
      if (!field.value) field.value = typed;
      field.dispatchEvent(new Event('input', { bubbles: true }));
    }
  } else {
    mount(App, { target });
    flushSync();
  }
}
pwa.start();
