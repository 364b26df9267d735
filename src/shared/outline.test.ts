import { describe, expect, it } from 'vitest';
import { inlineText, lex } from './markdown.ts';
import { assignHeadingIds, buildOutline, detectSessionLevel } from './outline.ts';
import type { Tokens } from 'marked';

const ids = (md: string) => assignHeadingIds(lex(md)).map((h) => h.id);

describe('assignHeadingIds', () => {
  it('makes GitHub-style slugs', () => {
    expect(
      ids('## Talks\n## Hold my beer and watch this!\n## Backport or Upgrade? OpenStack'),
    ).toEqual(['talks', 'hold-my-beer-and-watch-this', 'backport-or-upgrade-openstack']);
  });

  it('keeps CJK and drops punctuation', () => {
    expect(ids('## 背景\n## 优点：\n## 客户端-服务端耦合\n## API (v2.1)')).toEqual([
      '背景',
      '优点',
      '客户端-服务端耦合',
      'api-v21',
    ]);
  });

  it('numbers duplicates -1, -2', () => {
    expect(ids('## Q&A\n## Q&A\n### Q&A\n## 背景\n## 背景')).toEqual([
      'qa',
      'qa-1',
      'qa-2',
      '背景',
      '背景-1',
    ]);
  });

  it('gives headings with nothing sluggable a distinct, non-empty id', () => {
    const got = ids('## 🎉\n## !!!\n## ???\n## 🚀 🚀\n## - -\n## Real');
    expect(got).toEqual(['section-1', 'section-2', 'section-3', 'section-4', 'section-5', 'real']);
  });

  it('does not let a fallback id collide with a real heading', () => {
    const got = ids('## Section 1\n## 🎉');
    expect(new Set(got).size).toBe(2);
    expect(got.every((id) => id.length > 0)).toBe(true);
  });

  it('reads the text a reader sees: code, links, emphasis and entities', () => {
    expect(ids('## `nova boot` with *flavors* and [Rally](http://x "t")')).toEqual([
      'nova-boot-with-flavors-and-rally',
    ]);
    expect(ids('## Tom &amp; Jerry &lt;3\n## `&amp;` literal')).toEqual([
      'tom--jerry-3',
      'amp-literal',
    ]);
  });

  it("gives a heading the id its author gave it: kramdown's `{#id}` and `{: #id}`", () => {
    expect(ids('## Talks {#my-talks}\n## Next')).toEqual(['my-talks', 'next']);
    expect(ids('Setext {#sx}\n---')).toEqual(['sx']);
    expect(ids('### IAL\n{: #ial-id .no_toc}\n\n{: #before}\n### Before')).toEqual([
      'ial-id',
      'before',
    ]);
    // The attribute list's id wins over the header id, as kramdown applies them.
    expect(ids('### Both {#hid}\n{: #ial}')).toEqual(['ial']);
    // Case and kramdown's `:` are kept.
    expect(ids('## A {#My-Id:2}')).toEqual(['My-Id:2']);
  });

  it('keeps given ids unique: a slug never takes one, a second claim is slugged', () => {
    expect(ids('## Intro\n## Other {#intro}\n## Intro')).toEqual(['intro-1', 'intro', 'intro-2']);
    expect(ids('## One {#two}\n## Dup {#two}\n## Two')).toEqual(['two', 'dup', 'two-1']);
    expect(ids('## my id\n## B {#My-Id}')).toEqual(['my-id-1', 'My-Id']);
  });

  it("never takes an id that is not kramdown's syntax, the app's own or an element's", () => {
    expect(ids('## A\n{: id="x y"}')).toEqual(['a']);
    expect(ids('## A\n{: id="summit:main"}\n## B\n{: #user-content-fn:1}')).toEqual(['a', 'b']);
    expect(ids('## Main {#summit:main}')).toEqual(['main']);
    expect(ids(`## Long {#a${'b'.repeat(200)}}`)).toEqual(['long']);
  });

  it('finds headings inside lists and blockquotes, in document order', () => {
    expect(ids('## A\n\n- ## In list\n\n> ## In quote\n\n## B')).toEqual([
      'a',
      'in-list',
      'in-quote',
      'b',
    ]);
  });
});

describe('inlineText', () => {
  it('returns plain text without Markdown or HTML', () => {
    const h = lex('## **Bold** <span>html</span> `code` ![alt](x.png) &amp;')[0] as Tokens.Heading;
    expect(inlineText(h.tokens)).toBe('Bold html code alt &');
  });
});

describe('detectSessionLevel', () => {
  it('picks the level with most headings', () => {
    expect(detectSessionLevel([2, 3, 3, 3, 2])).toBe(3);
  });

  it('picks the shallower level on a tie', () => {
    expect(detectSessionLevel([3, 2, 3, 2])).toBe(2);
    expect(detectSessionLevel([4, 4, 1, 1, 6])).toBe(1);
  });

  it('is 0 without headings', () => {
    expect(detectSessionLevel([])).toBe(0);
  });

  it('follows a session_level override, as a number or a string', () => {
    expect(detectSessionLevel([2, 3, 3], 2)).toBe(2);
    expect(detectSessionLevel([2, 3, 3], '2')).toBe(2);
  });

  it('ignores an override that is not a heading level', () => {
    for (const bad of [0, 7, 2.5, 'two', null, true]) {
      expect(detectSessionLevel([2, 3, 3], bad), String(bad)).toBe(3);
    }
  });
});

describe('buildOutline', () => {
  it('marks the session level and keeps text, level and id', () => {
    const headings = assignHeadingIds(lex('## Topics\n### Talk *one*\n### Talk two\n## End'));
    expect(buildOutline(headings, 3)).toEqual([
      { id: 'topics', text: 'Topics', level: 2, session: false },
      { id: 'talk-one', text: 'Talk one', level: 3, session: true },
      { id: 'talk-two', text: 'Talk two', level: 3, session: true },
      { id: 'end', text: 'End', level: 2, session: false },
    ]);
  });
});
