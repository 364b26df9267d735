declare module 'virtual:summit/catalog' {
  import type { PostBody, PostMeta } from './shared/types.ts';
  /** Every post, newest first. */
  export const posts: PostMeta[];
  /** One lazy chunk per post, by slug. */
  export const loaders: Record<string, () => Promise<{ default: PostBody }>>;
}

declare module 'virtual:summit/search-docs' {
  import type { SectionDoc } from './shared/types.ts';
  export const docs: SectionDoc[];
}
