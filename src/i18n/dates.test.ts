import { expect, test } from 'vitest';
import { strings } from '../i18n/strings.ts';
test('dates read as Intl.DateTimeFormat writes them, in both interface languages', () => {
  for (const [lang, tag] of [
    ['en', 'en-US'],
    ['zh', 'zh-CN'],
  ] as const)
    for (let t = Date.UTC(1999, 0, 1); t < Date.UTC(2031, 0, 1); t += 86400000 * 7) {
      const d = new Date(t);
      expect(strings[lang].date(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate())).toBe(
        d.toLocaleDateString(tag, {
          year: 'numeric',
          month: 'long',
          day: 'numeric',
          timeZone: 'UTC',
        }),
      );
    }
});
