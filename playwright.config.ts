import { defineConfig } from '@playwright/test';
import { launchOptions } from './tests/browser.ts';

/** The built site under test (a helper or a second checkout may build elsewhere). */
export const E2E_DIST = process.env['E2E_DIST'] ?? 'dist';
export const E2E_PORT = Number(process.env['E2E_PORT'] ?? 4321);
/** The suite runs against dist/ served under a nested sub-path by a plain static server. */
export const E2E_BASE = process.env['E2E_BASE'] ?? '/summit/reader/';

export default defineConfig({
  testDir: 'tests',
  testMatch: '**/*.spec.ts',
  fullyParallel: true,
  workers: process.env['CI'] ? 2 : undefined,
  retries: 0,
  reporter: [['list'], ['html', { open: 'never' }]],
  timeout: 30_000,
  use: {
    baseURL: `http://127.0.0.1:${E2E_PORT}${E2E_BASE}`,
    launchOptions,
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
  webServer: {
    command: `node scripts/serve.mjs ${E2E_DIST} --port ${E2E_PORT} --base ${E2E_BASE}`,
    url: `http://127.0.0.1:${E2E_PORT}${E2E_BASE}`,
    reuseExistingServer: !process.env['CI'],
    stdout: 'ignore',
  },
});
