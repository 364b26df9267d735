// What the search benchmark bundles (with Vite, into a temporary folder) and runs both in Node
// (to build corpora exactly as the posts plugin does) and in Chromium (to search them).
export { default as Fuse } from 'fuse.js';
export { analysePost } from '../../src/shared/post.ts';
export { buildSearchIndex } from '../../src/search/build-index.ts';
export {
  FUSE_KEYS,
  FUSE_OPTIONS,
  fuseQuery,
  parseQuery,
  SearchEngine,
} from '../../src/search/engine.ts';
export { fetchIndex } from '../../src/search/loader.ts';
