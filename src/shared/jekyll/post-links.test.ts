import { describe, expect, it } from 'vitest';
import { createPostLinkResolver } from './post-links.ts';

const posts = [
  { slug: '2015-04-04-Nova如何支持live-upgrade', date: '2015-04-04', categories: ['OpenStack'] },
  {
    slug: '2015-05-19-Vancouver-Summit-2015-Second-Day',
    date: '2015-05-19',
    categories: ['OpenStack'],
  },
];
const site = {
  url: 'http://kiwik.github.io',
  baseurl: '',
  permalink: '/:categories/:year/:month/:day/:title/',
};

describe('links between posts', () => {
  const resolve = createPostLinkResolver(posts, site);

  it('maps the original address of a bundled post to its slug (the seed’s own link)', () => {
    expect(
      resolve(
        'http://kiwik.github.io/openstack/2015/04/04/Nova%E5%A6%82%E4%BD%95%E6%94%AF%E6%8C%81live-upgrade/',
      ),
    ).toBe('2015-04-04-Nova如何支持live-upgrade');
    expect(resolve('https://kiwik.github.io/openstack/2015/04/04/Nova如何支持live-upgrade')).toBe(
      '2015-04-04-Nova如何支持live-upgrade',
    );
    expect(resolve('/openstack/2015/05/19/Vancouver-Summit-2015-Second-Day/')).toBe(
      '2015-05-19-Vancouver-Summit-2015-Second-Day',
    );
  });

  it('maps relative links to post files', () => {
    expect(resolve('2015-05-19-Vancouver-Summit-2015-Second-Day.md')).toBe(
      '2015-05-19-Vancouver-Summit-2015-Second-Day',
    );
    expect(resolve('../_posts/2015-05-19-Vancouver-Summit-2015-Second-Day.markdown#x')).toBe(
      '2015-05-19-Vancouver-Summit-2015-Second-Day',
    );
  });

  it('leaves everything else alone', () => {
    expect(resolve('http://kiwik.github.io/openstack/2015/04/05/not-bundled/')).toBeUndefined();
    expect(resolve('https://bugs.launchpad.net/nova/+bug/1420662')).toBeUndefined();
    expect(resolve('other.md')).toBeUndefined();
    expect(resolve('#talks')).toBeUndefined();
    expect(resolve('javascript:alert(1)')).toBeUndefined();
    expect(createPostLinkResolver(posts, { ...site, url: '' })('http://kiwik.github.io/x')).toBe(
      undefined,
    );
  });

  it('honours the named permalink styles and baseurl', () => {
    const pretty = createPostLinkResolver(posts, {
      url: 'https://a.example',
      baseurl: '/blog',
      permalink: 'pretty',
    });
    expect(
      pretty('https://a.example/blog/openstack/2015/05/19/Vancouver-Summit-2015-Second-Day/'),
    ).toBe('2015-05-19-Vancouver-Summit-2015-Second-Day');
    const date = createPostLinkResolver(posts, {
      url: 'https://a.example',
      baseurl: '',
      permalink: 'date',
    });
    expect(
      date('https://a.example/openstack/2015/05/19/Vancouver-Summit-2015-Second-Day.html'),
    ).toBe('2015-05-19-Vancouver-Summit-2015-Second-Day');
  });
});

describe('links to a post with its own permalink', () => {
  const mine = [
    { slug: '2021-03-01-hello-world', date: '2021-03-01', categories: ['Travel', 'Food'] },
    {
      slug: '2021-03-04-own-place',
      date: '2021-03-04',
      categories: ['Misc'],
      permalink: '/notes/:categories/:year/:title/',
    },
    { slug: '2021-03-05-fixed', date: '2021-03-05', categories: [], permalink: 'about/fixed.html' },
  ];
  const blog = {
    url: 'https://blog.example',
    baseurl: '/blog',
    permalink: '/:categories/:year/:month/:day/:title/',
  };
  const resolve = createPostLinkResolver(mine, blog);
  const [hello, own] = mine;

  it('maps its own address (absolute, or from the site root) to it', () => {
    expect(resolve('https://blog.example/blog/notes/misc/2021/own-place/')).toBe(
      '2021-03-04-own-place',
    );
    expect(resolve('/blog/notes/misc/2021/own-place/index.html')).toBe('2021-03-04-own-place');
    expect(resolve('https://blog.example/blog/about/fixed.html')).toBe('2021-03-05-fixed');
    expect(resolve('/blog/about/fixed.html#x')).toBe('2021-03-05-fixed');
  });

  it('maps a link relative to the linking post’s own address', () => {
    // hello-world is at /blog/travel/food/2021/03/01/hello-world/.
    expect(resolve('../../../../../../notes/misc/2021/own-place/', hello)).toBe(
      '2021-03-04-own-place',
    );
    // own-place is at /blog/notes/misc/2021/own-place/, not under the site's pattern.
    expect(resolve('../../../../about/fixed.html', own)).toBe('2021-03-05-fixed');
    expect(resolve('../../../../travel/food/2021/03/01/hello-world/', own)).toBe(
      '2021-03-01-hello-world',
    );
    // Without the linking post, a relative address is only a post file's name.
    expect(resolve('../../../../about/fixed.html')).toBeUndefined();
  });

  it('the address the site’s pattern would have given it is not the post', () => {
    expect(resolve('https://blog.example/blog/misc/2021/03/04/own-place/')).toBeUndefined();
    expect(resolve('/blog/2021/03/05/fixed/')).toBeUndefined();
    // Its file name still is.
    expect(resolve('2021-03-04-own-place.md')).toBe('2021-03-04-own-place');
  });
});
