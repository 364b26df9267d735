import { readStored, watchStored, writeStored } from './storage.ts';

export interface Position {
  slug: string;
  /** The talk (heading id) in view, or '' for the top of the post. */
  section: string;
  /** When it was saved (ms since the epoch). */
  at: number;
}

const KEY = 'positions';
const MAX = 50;

function parse(value: unknown): Position[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.filter(
    (p): p is Position =>
      !!p &&
      typeof p === 'object' &&
      typeof p.slug === 'string' &&
      typeof p.section === 'string' &&
      typeof p.at === 'number' &&
      Number.isFinite(p.at),
  );
}

/** The last place read in each post, newest first; shared with other tabs through storage. */
class Reading {
  positions = $state<Position[]>(readStored(KEY, parse, []));

  constructor() {
    watchStored(KEY, () => {
      this.positions = readStored(KEY, parse, []);
    });
  }

  remember(slug: string, section: string): void {
    const current = this.positions[0];
    if (current?.slug === slug && current.section === section) return;
    const rest = readStored(KEY, parse, this.positions).filter((p) => p.slug !== slug);
    this.positions = [{ slug, section, at: Date.now() }, ...rest].slice(0, MAX);
    writeStored(KEY, this.positions);
  }
}

export const reading = new Reading();
