import { place } from './place.svelte.ts';
import { reading } from './reading.svelte.ts';

/**
 * Keeps where the reader is in a post: `place` (for a reload into a new version) follows the
 * talk in view, and once the body is shown it is remembered for "Continue reading". Call it
 * while a component initialises; it lasts as long as the component.
 */
export function trackReadingPosition(
  slug: () => string,
  section: () => string,
  shown: () => boolean,
): void {
  $effect(() => {
    const s = slug();
    place.slug = s;
    place.section = section();
    if (shown()) reading.remember(s, section());
    return () => {
      place.slug = '';
      place.section = '';
    };
  });
}
