/** The virtual modules the build serves to the app (typed in src/virtual.d.ts). */
export const CATALOG_ID = 'virtual:summit/catalog';
export const SITE_ID = 'virtual:summit-site';
