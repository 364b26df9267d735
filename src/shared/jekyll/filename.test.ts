import { describe, expect, it } from 'vitest';
import { isPostFile, parseFileName } from './filename.ts';

describe('parseFileName', () => {
  it('takes the date and title from the seed post name', () => {
    expect(parseFileName('2015-05-19-Vancouver-Summit-2015-Second-Day.md')).toEqual({
      slug: '2015-05-19-Vancouver-Summit-2015-Second-Day',
      date: '2015-05-19',
      title: 'Vancouver Summit 2015 Second Day',
    });
  });

  it('upper-cases first letters but keeps the rest as written', () => {
    expect(parseFileName('2014-01-02-KVM-QEMU-libvirt.md').title).toBe('KVM QEMU Libvirt');
    expect(parseFileName('2014-01-02-hello--world-.markdown').title).toBe('Hello World');
  });

  it('accepts .markdown and a name without a date', () => {
    expect(parseFileName('2014-01-02-notes.markdown')).toEqual({
      slug: '2014-01-02-notes',
      date: '2014-01-02',
      title: 'Notes',
    });
    expect(parseFileName('draft-idea.md')).toEqual({
      slug: 'draft-idea',
      date: '',
      title: 'Draft Idea',
    });
  });

  it('keeps CJK words', () => {
    expect(parseFileName('2015-05-20-峰会-第三天.md').title).toBe('峰会 第三天');
  });
});

describe('isPostFile', () => {
  it('accepts .md and .markdown in any case', () => {
    expect(isPostFile('a.md')).toBe(true);
    expect(isPostFile('a.markdown')).toBe(true);
    expect(isPostFile('A.MD')).toBe(true);
  });

  it('rejects other extensions and dotfiles', () => {
    for (const name of [
      'a.txt',
      'a.html',
      'a.md.bak',
      'a.mdx',
      'md',
      '.hidden.md',
      '.md',
      'a.md~',
    ]) {
      expect(isPostFile(name), name).toBe(false);
    }
  });
});
