/**
 * Which heading the reader is in: the last heading whose top has passed a line near the top
 * of the viewport (the last one when the page is scrolled to its end).
 */
export class ScrollSpy {
  active = $state('');
  #ids: string[] = [];
  #frame = 0;
  #offset: number;

  constructor(offset = 140) {
    this.#offset = offset;
  }

  /** Starts following the given heading ids; returns a function that stops. */
  watch(ids: string[]): () => void {
    this.#ids = ids;
    const onScroll = () => {
      if (this.#frame) return;
      this.#frame = requestAnimationFrame(() => {
        this.#frame = 0;
        this.update();
      });
    };
    addEventListener('scroll', onScroll, { passive: true });
    addEventListener('resize', onScroll, { passive: true });
    this.update();
    return () => {
      removeEventListener('scroll', onScroll);
      removeEventListener('resize', onScroll);
      cancelAnimationFrame(this.#frame);
      this.#frame = 0;
    };
  }

  update(): void {
    const atEnd = innerHeight + scrollY >= document.documentElement.scrollHeight - 2 && scrollY > 0;
    let current = '';
    for (const id of this.#ids) {
      const el = document.getElementById(id);
      if (!el) continue;
      if (atEnd || el.getBoundingClientRect().top <= this.#offset) current = id;
      else break;
    }
    if (current !== this.active) this.active = current;
  }
}
