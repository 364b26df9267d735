// Modules served by the build-time plugins (src/build/posts-plugin.ts, src/build/site-plugin.ts),
// with the types of what they export.
declare module 'virtual:summit/catalog' {
  /** The compact catalog (src/shared/catalog-codec.ts), expanded in src/state/catalog.ts. */
  export const posts: import('./shared/catalog-codec.ts').CompactPost[];
  /** In a build, each post's body file (in the order of `posts`); absent in dev and the server render. */
  export const bodies: string[] | undefined;
}

declare module 'virtual:summit/search-index-url' {
  /** Absolute URL of the search index: JSON of a SearchIndexData (src/search/build-index.ts). */
  export const url: string;
}

declare module 'virtual:summit-site' {
  /** The site config read at build time. */
  export const site: import('./shared/jekyll/site.ts').SiteConfig;
}
