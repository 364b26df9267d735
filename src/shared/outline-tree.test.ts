import { describe, expect, it } from 'vitest';
import { nestOutline, type TocNode } from './outline-tree.ts';
import type { OutlineEntry } from './types.ts';

const e = (id: string, level: number): OutlineEntry => ({ id, text: id, level, session: false });
const shape = (nodes: TocNode[]): unknown[] =>
  nodes.map((n) => (n.children.length ? [n.entry.id, shape(n.children)] : n.entry.id));

describe('nestOutline', () => {
  it('nests deeper headings under the shallower one before them', () => {
    const out = nestOutline([e('a', 2), e('b', 3), e('c', 4), e('d', 3), e('f', 2)]);
    expect(shape(out)).toEqual([['a', [['b', ['c']], 'd']], 'f']);
  });

  it('keeps talks that come before any structural heading at the top', () => {
    expect(shape(nestOutline([e('t1', 3), e('t2', 3), e('s', 2), e('t3', 3)]))).toEqual([
      't1',
      't2',
      ['s', ['t3']],
    ]);
  });

  it('handles skipped levels and an empty outline', () => {
    expect(shape(nestOutline([e('a', 1), e('b', 4), e('c', 2)]))).toEqual([['a', ['b', 'c']]]);
    expect(nestOutline([])).toEqual([]);
  });
});
