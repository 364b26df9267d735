import { test as base, expect } from '@playwright/test';

/**
 * Every e2e test fails on an uncaught page error or a console error: a broken view must
 * never pass silently.
 */
export const test = base.extend<{ pageErrors: string[] }>({
  pageErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(`console: ${m.text()}`);
      });
      await use(errors);
      expect(errors, 'no page errors').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

export const SEED_SLUG = '2015-05-19-Vancouver-Summit-2015-Second-Day';
export const SEED_TITLE = 'Vancouver Summit 2015 Second Day';
export const SEED_TALKS = [
  'Taking Risks: How Experimentation Leads to Breakthroughs',
  'OpenStack Update from eBay and PayPal',
  'Superuser Award',
  'VMware Integrated OpenStack: Turn your existing VMware Environment into Production-Grade Openstack in Under an Hour (Seriously!)',
  'Backport or Upgrade? OpenStack Releases Unchained',
  'Using Rally for OpenStack certification at Scale!',
  'Hold my beer and watch this! Upgrading from Havana to Juno in one fell swoop with live customers.',
  'The Good and the Bad of OpenStack REST APIs',
];
