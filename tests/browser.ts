import { existsSync } from 'node:fs';

/** Chromium for tests and benchmarks: $CHROMIUM_PATH, the system one, or Playwright's own. */
export const executablePath =
  process.env['CHROMIUM_PATH'] ||
  ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));

export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export const launchOptions = {
  ...(executablePath ? { executablePath } : {}),
  args: chromiumArgs,
};
