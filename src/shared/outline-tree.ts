import type { OutlineEntry } from './types.ts';

export interface TocNode {
  entry: OutlineEntry;
  children: TocNode[];
}

/** Nests a flat outline by heading level; a deeper heading belongs to the shallower one before it. */
export function nestOutline(outline: readonly OutlineEntry[]): TocNode[] {
  const roots: TocNode[] = [];
  const stack: TocNode[] = [];
  for (const entry of outline) {
    const node: TocNode = { entry, children: [] };
    while (stack.length && stack[stack.length - 1]!.entry.level >= entry.level) stack.pop();
    (stack.length ? stack[stack.length - 1]!.children : roots).push(node);
    stack.push(node);
  }
  return roots;
}
