import { describe, expect, it } from 'vitest';
import { stripTags } from './strip-tags.ts';

describe('stripTags', () => {
  it('does what /<[^>]*>/g does', () => {
    const cases = [
      '',
      'plain',
      '<div>a</div>',
      '<a <b>c',
      'x < y > z',
      '<<<>',
      '>>><',
      '<p>one<br/>two</p> <',
      '<div>\n<span class="x">a\nb</span>\n<',
      '<>',
    ];
    for (const s of cases) {
      expect(stripTags(s), s).toBe(s.replace(/<[^>]*>/g, ''));
      expect(stripTags(s, ' '), s).toBe(s.replace(/<[^>]*>/g, ' '));
    }
  });

  it('keeps a run of unclosed < as text', () => {
    expect(stripTags(`<div>${'<'.repeat(5)}`)).toBe('<'.repeat(5));
  });
});
