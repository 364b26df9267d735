import { describe, expect, it } from 'vitest';
import { datePost, readJekyllDate } from './dates.ts';
import { analysePost } from '../post.ts';

describe('Jekyll dates', () => {
  it('reads dates, times and time zones without moving the day', () => {
    expect(readJekyllDate('2015-05-20')).toEqual({
      date: '2015-05-20',
      sortKey: '2015-05-20T00:00:00',
      rolled: false,
    });
    expect(readJekyllDate('2015-5-2 23:35:50 +0800')?.sortKey).toBe('2015-05-02T23:35:50');
    expect(readJekyllDate('2015-05-20T23:59:59.123Z')?.date).toBe('2015-05-20');
    expect(readJekyllDate('2015-05-20 08:00 -08:00')?.sortKey).toBe('2015-05-20T08:00:00');
  });

  it('rolls a day past the end of its month over, as Jekyll 4.3.1 does', () => {
    expect(readJekyllDate('2015-02-30')).toMatchObject({ date: '2015-03-02', rolled: true });
    expect(readJekyllDate('2015-02-29')?.date).toBe('2015-03-01');
    expect(readJekyllDate('2016-02-29')).toMatchObject({ date: '2016-02-29', rolled: false });
    expect(readJekyllDate('2015-04-31')?.date).toBe('2015-05-01');
    expect(readJekyllDate('2015-12-31')?.date).toBe('2015-12-31');
  });

  it('refuses what Jekyll refuses', () => {
    for (const bad of [
      '2015-13-45',
      '0000-00-00',
      '2015-00-10',
      '2015-01-32',
      '99:99:99',
      '2020-03-05junk',
      '2020-01-01 25:61',
      '2020-01-01 99:99:99',
      'hello',
    ])
      expect(readJekyllDate(bad), bad).toBeUndefined();
  });

  it('warns about the front matter date and falls back to the file name', () => {
    const d = datePost('2020-03-05junk', '2015-05-19');
    expect(d.dated?.date).toBe('2015-05-19');
    expect(d.frontMatter).toMatch(/"2020-03-05junk" is not a YYYY-MM-DD date.*file name's date/);
    expect(d.leftOut).toBe(false);
    expect(datePost('2020-02-30', '2015-05-19')).toMatchObject({
      dated: { date: '2020-03-01' },
      frontMatter: expect.stringMatching(/past the end of its month; dated 2020-03-01/),
    });
  });

  it('leaves out a post whose file name date Jekyll cannot read, unless front matter dates it', () => {
    expect(datePost(undefined, '2015-13-45')).toMatchObject({
      leftOut: true,
      fileName: expect.stringMatching(/2015-13-45 is not a date.*left out/),
    });
    expect(datePost('2015-05-01', '2015-13-45')).toEqual({
      dated: { date: '2015-05-01', sortKey: '2015-05-01T00:00:00', rolled: false },
      leftOut: false,
    });
    expect(datePost(undefined, '2015-02-30')).toMatchObject({
      dated: { date: '2015-03-02' },
      fileName: expect.stringMatching(/past the end of its month; dated 2015-03-02/),
    });
  });

  it('analysePost warns at the date line, and names a bad file name date', () => {
    const junk = analysePost('2015-05-19-x.md', '---\ntitle: x\ndate: 2020-03-05junk\n---\n## H\n');
    expect(junk.meta.date).toBe('2015-05-19');
    expect(junk.problems).toEqual([
      expect.objectContaining({ line: 3, message: expect.stringMatching(/2020-03-05junk/) }),
    ]);
    const time = analysePost('2015-05-19-x.md', '---\ndate: 99:99:99\n---\n## H\n');
    expect(time.problems).toEqual([expect.objectContaining({ line: 2 })]);
    const feb = analysePost('2015-02-30-x.md', '## H\n');
    expect(feb.meta.date).toBe('2015-03-02');
    expect(feb.problems).toEqual([
      expect.objectContaining({ line: 0, message: expect.stringMatching(/2015-02-30/) }),
    ]);
    const zero = analysePost('0000-00-00-x.md', '## H\n');
    expect(zero.meta.date).toBe('');
    expect(zero.problems).toEqual([
      expect.objectContaining({ line: 0, message: expect.stringMatching(/left out/) }),
    ]);
  });
});
