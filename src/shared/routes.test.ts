import { describe, expect, it } from 'vitest';
import { parseRoute, postHref, searchHref, tagHref } from './routes.ts';

describe('parseRoute', () => {
  it('reads every route', () => {
    expect(parseRoute('')).toEqual({ name: 'library' });
    expect(parseRoute('#/')).toEqual({ name: 'library' });
    expect(parseRoute('#/posts/a-b')).toEqual({ name: 'post', slug: 'a-b' });
    expect(parseRoute('#/posts/a-b/%E5%8D%87%E7%BA%A7')).toEqual({
      name: 'post',
      slug: 'a-b',
      section: '升级',
    });
    expect(parseRoute('#/search?q=vmware%20%E9%9B%86%E7%BE%A4')).toEqual({
      name: 'search',
      q: 'vmware 集群',
    });
    expect(parseRoute('#/tags/nova')).toEqual({ name: 'tag', kind: 'tags', value: 'nova' });
    expect(parseRoute('#/nowhere')).toEqual({ name: 'notfound', path: '/nowhere' });
  });

  it('reads a plain fragment (the prerendered skip link: #summit:main) as the library', () => {
    expect(parseRoute('#summit:main')).toEqual({ name: 'library' });
  });

  it('reads back what the link makers write', () => {
    expect(parseRoute(postHref('s', '背景'))).toEqual({ name: 'post', slug: 's', section: '背景' });
    expect(parseRoute(searchHref('a&b #c'))).toEqual({ name: 'search', q: 'a&b #c' });
    expect(parseRoute(tagHref('C++', 'categories'))).toEqual({
      name: 'tag',
      kind: 'categories',
      value: 'C++',
    });
  });
});

describe('the terms a search result highlights travel in the route', () => {
  it('round-trips through postHref and parseRoute, CJK and spaces included', () => {
    const href = postHref('2015-05-19-x', 'rally', ['rally', '升级 计划', 'a&b']);
    expect(href).toBe(
      '#/posts/2015-05-19-x/rally?hl=rally&hl=%E5%8D%87%E7%BA%A7+%E8%AE%A1%E5%88%92&hl=a%26b',
    );
    expect(parseRoute(href)).toEqual({
      name: 'post',
      slug: '2015-05-19-x',
      section: 'rally',
      highlight: ['rally', '升级 计划', 'a&b'],
    });
  });

  it('is left out when there is none, or no talk', () => {
    expect(postHref('s', 't', [])).toBe('#/posts/s/t');
    expect(postHref('s', undefined, ['x'])).toBe('#/posts/s');
    expect(parseRoute('#/posts/s/t?hl=')).toEqual({ name: 'post', slug: 's', section: 't' });
  });
});
