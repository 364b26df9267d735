import type { SectionDoc } from '../shared/types.ts';

/**
 * Build-time step of search: turns the sections of every post into what the browser loads
 * lazily as `virtual:summit/search-index` (`export const index = …`). Must stay JSON-serialisable.
 */
export function buildSearchIndex(docs: SectionDoc[]): unknown {
  return { docs };
}
