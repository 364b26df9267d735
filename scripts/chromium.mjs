// Which Chromium the tests and benchmarks launch, in one place: $CHROMIUM_PATH (or
// $CHROME_PATH), else the system /usr/bin/chromium, else Playwright's own browser
// (`npx playwright install chromium`). Plain JavaScript so Node scripts and TS tests share it.
import { existsSync } from 'node:fs';

/** @type {string | undefined} */
export const executablePath =
  process.env['CHROMIUM_PATH'] ||
  process.env['CHROME_PATH'] ||
  ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));

export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Options for `chromium.launch` / `launchPersistentContext`. */
export const launchOptions = {
  ...(executablePath ? { executablePath } : {}),
  args: chromiumArgs,
};
