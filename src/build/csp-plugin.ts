import type { Plugin } from 'vite';

/**
 * The dev server only: Vite injects CSS as `<style>` elements (for hot reloading), which the
 * Content-Security-Policy in index.html (`style-src 'self'`) blocks, leaving `npm run dev`
 * unstyled. This relaxes style-src for the dev server; the build keeps the strict policy.
 */
export function cspDevPlugin(): Plugin {
  return {
    name: 'summit-csp-dev',
    apply: 'serve',
    transformIndexHtml(html) {
      return html.replace(
        /(http-equiv="Content-Security-Policy"\s+content="[^"]*style-src 'self')/,
        "$1 'unsafe-inline'",
      );
    },
  };
}
