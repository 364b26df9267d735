import { describe, expect, it } from 'vitest';
import { strings, uiLangFor } from './strings.ts';

describe('the interface language of a site', () => {
  it('is the one the interface speaks with the site language’s primary subtag, else English', () => {
    expect(uiLangFor('zh-CN')).toBe('zh');
    expect(uiLangFor('zh_TW')).toBe('zh');
    expect(uiLangFor(' ZH ')).toBe('zh');
    expect(uiLangFor('en-GB')).toBe('en');
    expect(uiLangFor('fr')).toBe('en');
    expect(uiLangFor('')).toBe('en');
  });

  it('speaks every string in every language', () => {
    for (const lang of Object.values(strings))
      expect(Object.keys(lang).sort()).toEqual(Object.keys(strings.en).sort());
  });
});
