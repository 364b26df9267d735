// The Chromium the tests launch: see scripts/chromium.mjs (shared with the benchmarks).
export { chromiumArgs, executablePath, launchOptions } from '../scripts/chromium.mjs';
