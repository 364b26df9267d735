import * as mod from 'virtual:summit-site';
import type { SiteConfig } from '../shared/site.ts';

/** The site config read at build time (src/build/site-plugin.ts). */
export const site = mod.site as SiteConfig;
