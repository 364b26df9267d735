import { mount } from 'svelte';
import App from './components/App.svelte';
import { pwa } from './state/pwa.svelte.ts';

const FOCUSABLE = 'a[href], button, input, [tabindex]';

/**
 * Starts the reader in #summit:app (src/main.ts loads this module). The build prerenders the
 * library into #summit:app (src/build/prerender.ts): it is replaced in this same task, so
 * nothing paints in between and nothing shows twice. A reader who was quicker than the script
 * keeps their place: the focused control and what they typed in the search field carry over.
 */
const target = document.getElementById('summit:app');
if (target) {
  const before = [...target.querySelectorAll<HTMLElement>(FOCUSABLE)];
  const focused = before.indexOf(document.activeElement as HTMLElement);
  const typed = target.querySelector<HTMLInputElement>('input[type="search"]')?.value ?? '';

  target.replaceChildren();
  target.removeAttribute('data-prerendered');
  mount(App, { target });

  const again = target.querySelectorAll<HTMLElement>(FOCUSABLE)[focused];
  // <main> is focused when the prerendered skip link was followed: the app's goes to the h1.
  if (again?.id === 'summit:main') target.querySelector<HTMLElement>('main h1')?.focus();
  else again?.focus();
  const field = target.querySelector<HTMLInputElement>('input[type="search"]');
  if (typed && field) {
    field.value = typed;
    field.dispatchEvent(new Event('input', { bubbles: true }));
  }
}
pwa.start();
