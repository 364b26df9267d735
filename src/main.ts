import './app.css';
import './prerender.css';
import { parseLegacyHash } from './shared/routes.ts';

/**
 * The entry: the style sheet and this small script. The reader itself (src/app.ts) is a
 * separate chunk. Every page is built whole (src/build/prerender.ts), so the app is loaded
 * only once the page has been painted: the first paint never waits for the app's script.
 * A link in the old hash form (`index.html#/posts/…`) goes on to the page it means.
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

const legacy = parseLegacyHash(location.hash);
if (legacy && legacy.name !== 'library' && legacy.name !== 'notfound') {
  void Promise.all([import('./state/links.ts'), import('./state/catalog.ts')])
    .then(([{ links, pages }, { postsTagged }]) => {
      // Only to a page that exists: anything else is the app's own "not found".
      const href =
        legacy.name === 'post'
          ? pages.postPath(legacy.slug) !== undefined &&
            links.post(legacy.slug, legacy.section, legacy.highlight)
          : legacy.name === 'search'
            ? links.search(legacy.q)
            : postsTagged(legacy.kind, legacy.value).length > 0 &&
              links.page(`${legacy.kind}/${legacy.value}/`);
      if (href) location.replace(href);
      else void start();
    })
    .catch(() => void start());
} else if (prerenderShown && document.visibilityState === 'visible')
  afterFirstPaint(() => void start());
// Nothing to paint first, or a background tab (which paints nothing until shown).
else void start();
