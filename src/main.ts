import { mount } from 'svelte';
import App from './components/App.svelte';
import { pwa } from './state/pwa.svelte.ts';
import './app.css';
import './prerender.css';

const target = document.getElementById('summit-app');
if (target) {
  // The build prerenders the library into #summit-app (src/build/prerender.ts): replace it in
  // this same task, so nothing paints in between and nothing shows twice.
  target.replaceChildren();
  target.removeAttribute('data-prerendered');
  mount(App, { target });
}
pwa.start();
