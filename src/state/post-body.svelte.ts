import { loadPostBody } from './catalog.ts';

/**
 * One post's body as the view shows it: its parts (HTML sanitised at build time), added one
 * per task so the first screen shows at once and a long post never blocks the page for long.
 */
export class PostBodyState {
  parts: string[] = $state([]);
  done = $state(false);
  error = $state('');

  /** Starts showing `slug`'s body; returns a function that stops (for an effect's cleanup). */
  show(slug: string): () => void {
    let live = true;
    this.parts = [];
    this.done = false;
    this.error = '';
    loadPostBody(slug)
      .then(async ({ parts }) => {
        for (const [i, part] of parts.entries()) {
          if (i > 0) await new Promise((r) => setTimeout(r, 0));
          if (!live) return;
          this.parts.push(part);
        }
        // In a task of its own: what waits for the whole body (the scroll-spy, the heading
        // tools, the scroll to the talk) does not share the last part's task.
        await new Promise((r) => setTimeout(r, 0));
        if (live) this.done = true;
      })
      .catch((e: unknown) => {
        if (live) this.error = e instanceof Error ? e.message : String(e);
      });
    return () => {
      live = false;
    };
  }
}
