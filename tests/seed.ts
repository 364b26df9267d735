import { readFileSync } from 'node:fs';

/** The bundled seed post, as the tests read it. */
export const SEED_NAME = '2015-05-19-Vancouver-Summit-2015-Second-Day.md';
export const SEED = readFileSync(new URL(`../posts/${SEED_NAME}`, import.meta.url), 'utf8');

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
