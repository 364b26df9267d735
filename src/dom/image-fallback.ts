/**
 * A remote image that cannot load (offline) becomes a tidy placeholder with its alt text.
 * Listen for `error` in the capture phase on the post body: error events do not bubble.
 */
export function replaceBrokenImage(event: Event, unavailable: string): void {
  const img = event.target;
  if (!(img instanceof HTMLImageElement)) return;
  const placeholder = document.createElement('span');
  placeholder.className = 'image-placeholder';
  placeholder.setAttribute('role', 'img');
  placeholder.setAttribute('aria-label', img.alt || unavailable);
  placeholder.textContent = img.alt || unavailable;
  img.replaceWith(placeholder);
}
