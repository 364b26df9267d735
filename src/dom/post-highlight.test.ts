import { describe, expect, it } from 'vitest';
import { markableTerms, termRanges } from './post-highlight.ts';

const marked = (text: string, terms: string[]) =>
  termRanges(text, terms).map(([s, e]) => text.slice(s, e));

describe('what the post view marks', () => {
  it('marks a word found in full-width text, as search folds it', () => {
    // The engine folds ＯｐｅｎＳｔａｃｋ to "openstack": the post must mark it too.
    expect(marked('在 ＯｐｅｎＳｔａｃｋ 峰会上', ['openstack'])).toEqual(['ＯｐｅｎＳｔａｃｋ']);
    expect(marked('Ｒａｌｌｙ and RALLY', ['Rally'])).toEqual(['Ｒａｌｌｙ', 'RALLY']);
  });

  it('keeps offsets where lower-casing would change the length', () => {
    expect(marked('İstanbul rally', ['rally'])).toEqual(['rally']);
  });

  it('prefers the longest term and never overlaps marks', () => {
    expect(markableTerms(['up', 'Upgrade', 'UP', ' '])).toEqual(['upgrade', 'up']);
    expect(marked('Upgrade up', ['up', 'upgrade'])).toEqual(['Upgrade', 'up']);
  });

  it('marks CJK words wherever they occur', () => {
    expect(marked('滚动升级和升级', ['升级'])).toEqual(['升级', '升级']);
    expect(marked('nothing here', ['升级'])).toEqual([]);
  });
});
