import * as mod from 'virtual:summit-site';

/** The site config read at build time (src/build/site-plugin.ts). */
export const site = mod.site;
