import './app.css';
import './prerender.css';
import { parseRoute } from './shared/routes.ts';

/**
 * The entry: the style sheet and this small script. The reader itself (src/app.ts) is a
 * separate chunk. On the library route the build has prerendered the library into
 * index.html, so the app is loaded only once that has been painted: the first paint never
 * waits for the app's script. On any other route the prerender is hidden and the app is
 * needed at once.
 */
const start = () =>
  import('./app.ts').catch((e: unknown) => {
    // The prerendered library (if any) stays readable.
    console.error('Summit Reader could not start', e);
  });

const prerenderShown =
  document.querySelector('[id="summit:app"][data-prerendered]') !== null &&
  !document.documentElement.hasAttribute('data-summit-route');

/** Runs `start` once the browser has painted content (the prerendered library). */
function afterFirstPaint(run: () => void) {
  let started = false;
  const once = () => {
    if (started) return;
    started = true;
    run();
  };
  try {
    const observer = new PerformanceObserver((list) => {
      if (!list.getEntriesByName('first-contentful-paint').length) return;
      observer.disconnect();
      setTimeout(once, 0);
    });
    observer.observe({ type: 'paint', buffered: true });
  } catch {
    // No paint timing: a task queued from a frame callback runs after that frame's paint.
    requestAnimationFrame(() => setTimeout(once, 0));
  }
  // Never wait long for a paint the browser may not report.
  setTimeout(once, 2000);
}

const route = parseRoute(location.hash);
if (route.name === 'post') {
  // A deep link to a post: fetch its body alongside the app, not after it.
  void import('./state/catalog.ts').then((c) => c.loadPostBody(route.slug)).catch(() => {});
}

if (prerenderShown && document.visibilityState === 'visible') afterFirstPaint(() => void start());
// Nothing to paint first, or a background tab (which paints nothing until shown).
else void start();
