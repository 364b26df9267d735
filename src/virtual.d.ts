// Modules served by the build-time posts plugin (src/build/posts-plugin.ts). They are typed
// loosely here and given their real types where they are imported (src/state/catalog.ts).
declare module 'virtual:summit/catalog' {
  export const posts: unknown;
  /** Fetches one post's body: a PostBody (src/shared/types.ts). */
  export const loaders: Record<string, () => Promise<unknown>>;
}

declare module 'virtual:summit/search-index-url' {
  /** Absolute URL of the search index: JSON of a SearchIndexData (src/search/build-index.ts). */
  export const url: string;
}

declare module 'virtual:summit-site' {
  /** A SiteConfig (src/shared/site.ts), typed in src/state/site.ts. */
  export const site: unknown;
}
