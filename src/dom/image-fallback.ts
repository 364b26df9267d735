/**
 * A remote image that cannot load (offline) becomes a tidy placeholder with its alt text.
 * Listen for `error` in the capture phase on the post body: error events do not bubble.
 */
export function replaceBrokenImage(event: Event, unavailable: string): void {
  const img = event.target;
  if (img instanceof HTMLImageElement) toPlaceholder(img, unavailable);
}

/**
 * The images of `body` that already failed (in a built page the app takes over, they fail
 * before the app listens): each becomes its placeholder.
 */
export function replaceFailedImages(body: HTMLElement, unavailable: string): void {
  for (const img of body.querySelectorAll('img'))
    if (img.complete && img.naturalWidth === 0 && img.currentSrc) toPlaceholder(img, unavailable);
}

function toPlaceholder(img: HTMLImageElement, unavailable: string): void {
  const placeholder = document.createElement('span');
  placeholder.className = 'image-placeholder';
  placeholder.setAttribute('role', 'img');
  placeholder.setAttribute('aria-label', img.alt || unavailable);
  placeholder.textContent = img.alt || unavailable;
  img.replaceWith(placeholder);
}
