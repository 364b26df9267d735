import { it } from 'vitest';
import { analysePost } from '../shared/post.ts';
import { SEED, SEED_NAME } from '../shared/seed.test-helper.ts';
import { createLiquidRenderer } from './liquid.ts';
import { DEFAULT_SITE } from '../shared/site.ts';
it('x', () => {
  const liquid = createLiquidRenderer({ site: DEFAULT_SITE, postsDir: '/tmp/nonexist/_posts' });
  console.log(JSON.stringify(analysePost(SEED_NAME, SEED, { liquid }).problems));
});
