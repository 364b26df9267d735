import { flushSync, mount } from 'svelte';
import App from './components/App.svelte';
import { bodyInPage } from './state/post-body.svelte.ts';
import { pwa } from './state/pwa.svelte.ts';
import { router } from './state/router.svelte.ts';

const FOCUSABLE = 'a[href], button, input, [tabindex]';

/**
 * Starts the reader in #summit:app (src/main.ts loads this module). The build renders every
 * page into #summit:app (src/build/prerender.ts): the app's render replaces it in this same
 * task, so nothing paints in between and nothing shows twice. A post's body is not made
 * again: its nodes move into the app's render as they are (no parse, images kept). A reader
 * who was quicker than the script keeps their place: the scroll position, the focused
 * control and what they typed in the search field carry over.
 */
// The page's icons and manifest are written relative to it; the browser resolves them again
// after each History API move, so they are made absolute first. (Not the style sheet: a
// changed href would load it again.)
for (const link of document.head.querySelectorAll<HTMLLinkElement>(
  'link[href]:not([rel~="stylesheet"])',
))
  link.setAttribute('href', link.href);

const target = document.getElementById('summit:app');
if (target) {
  const before = [...target.querySelectorAll<HTMLElement>(FOCUSABLE)];
  const focused = before.indexOf(document.activeElement as HTMLElement);
  const typed = target.querySelector<HTMLInputElement>('input[type="search"]')?.value ?? '';

  const scroll = { x: scrollX, y: scrollY };
  const route = router.current;
  if (route.name === 'post' && target.hasAttribute('data-prerendered')) {
    const parts = [...target.querySelectorAll('.post-body > .post-part')];
    if (parts.length) bodyInPage(route.slug, parts);
  }

  target.replaceChildren();
  target.removeAttribute('data-prerendered');
  mount(App, { target });
  flushSync();

  const again = target.querySelectorAll<HTMLElement>(FOCUSABLE)[focused];
  if (again) {
    // <main> is focused when the prerendered skip link was followed: the app's goes to the h1.
    if (again.id === 'summit:main')
      target.querySelector<HTMLElement>('main h1')?.focus({ preventScroll: true });
    else again.focus({ preventScroll: true });
    // Moving focus out of the old nodes can scroll: put the reader back, before any paint.
    // (Only then: reading the scroll position lays the page out inside this task.)
    if (scrollX !== scroll.x || scrollY !== scroll.y) scrollTo(scroll.x, scroll.y);
  }
  const field = target.querySelector<HTMLInputElement>('input[type="search"]');
  if (typed && field) {
    field.value = typed;
    field.dispatchEvent(new Event('input', { bubbles: true }));
  }
}
pwa.start();
