// What the search benchmark bundles for Chromium: the sharded engine and the single-file engine
// it replaced, to run side by side in a worker.
export { SearchEngine } from '../../src/search/engine.ts';
export { SearchEngine as ReferenceEngine } from '../../src/search/reference/engine.ts';
