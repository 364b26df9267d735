// What the search benchmark bundles for Node (with Vite): the post pipeline and the index
// builder, to make corpora and their index files exactly as the posts plugin does.
export { analysePost } from '../../src/shared/post.ts';
export { buildSearchFiles, buildSearchRows, chooseLayout } from '../../src/build/search-index.ts';
export { shardFile, chunkFile } from '../../src/shared/search-types.ts';
export { SearchEngine } from '../../src/search/engine.ts';
export { SearchEngine as ReferenceEngine } from '../../src/search/reference/engine.ts';
