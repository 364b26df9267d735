import { describe, expect, it } from 'vitest';
import { setPendingHighlight, takePendingHighlight } from './pending.ts';

describe('pending highlight', () => {
  it('is taken once, and only for its talk', () => {
    setPendingHighlight({ slug: 's', sectionId: 'a', terms: ['rally'] });
    expect(takePendingHighlight('s', 'b')).toBeUndefined();
    expect(takePendingHighlight('s', 'a')?.terms).toEqual(['rally']);
    expect(takePendingHighlight('s', 'a')).toBeUndefined();
  });
});
