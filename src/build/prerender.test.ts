import { describe, expect, it } from 'vitest';
import { cleanMarkup } from './prerender.ts';

describe('cleanMarkup', () => {
  it('keeps the hydration comments, drops inline styles, and disables buttons until the app starts', () => {
    const html =
      '<!--[--><header style="color:red"><button type="button" class="theme-toggle">T</button>' +
      '<a href="#/">Home</a><!----><input type="search" value=""/></header><!--]-->';
    expect(cleanMarkup(html)).toBe(
      '<!--[--><header><button disabled data-summit-waiting type="button" class="theme-toggle">T</button>' +
        '<a href="#/">Home</a><!----><input type="search" value=""/></header><!--]-->',
    );
  });
});
