/**
 * Which heading the reader is in: the last heading whose top has passed a line near the top
 * of the viewport (the last one when the page is scrolled to its end).
 */
export class ScrollSpy {
  active = $state('');
  #ids: string[] = [];
  /** The headings, looked up once per watch (the body does not change while it is watched). */
  #headings: HTMLElement[] | undefined;
  #frame = 0;
  #offset: number;

  constructor(offset = 140) {
    this.#offset = offset;
  }

  /** Starts following the given heading ids; returns a function that stops. */
  watch(ids: string[]): () => void {
    this.#ids = ids;
    this.#headings = undefined;
    const onScroll = () => {
      if (this.#frame) return;
      this.#frame = requestAnimationFrame(() => {
        this.#frame = 0;
        this.update();
      });
    };
    addEventListener('scroll', onScroll, { passive: true });
    addEventListener('resize', onScroll, { passive: true });
    // At the next frame, with the layout the browser makes then: measuring now would lay out
    // the page inside the task that rendered it (the app's start is one long task already).
    onScroll();
    return () => {
      removeEventListener('scroll', onScroll);
      removeEventListener('resize', onScroll);
      cancelAnimationFrame(this.#frame);
      this.#frame = 0;
    };
  }

  update(): void {
    const atEnd = innerHeight + scrollY >= document.documentElement.scrollHeight - 2 && scrollY > 0;
    const headings = (this.#headings ??= this.#ids
      .map((id) => document.getElementById(id))
      .filter((el) => !!el));
    let current = '';
    if (atEnd) {
      current = headings.at(-1)?.id ?? '';
    } else {
      // Headings are in document order, so their tops only grow: a binary search measures
      // about log2(n) of them, not all that are above the line (5,000 in a long post).
      let lo = 0;
      let hi = headings.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (headings[mid]!.getBoundingClientRect().top <= this.#offset) lo = mid + 1;
        else hi = mid;
      }
      current = lo > 0 ? headings[lo - 1]!.id : '';
    }
    if (current !== this.active) this.active = current;
  }
}
