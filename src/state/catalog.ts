import { loaders, posts } from 'virtual:summit/catalog';
import type { PostBody, PostMeta } from '../shared/types.ts';

export { posts };

const bySlug = new Map(posts.map((p) => [p.slug, p]));

export function findPost(slug: string): PostMeta | undefined {
  return bySlug.get(slug);
}

/** Loads a post's lazy chunk. */
export async function loadPostBody(slug: string): Promise<PostBody> {
  const load = loaders[slug];
  if (!load) throw new Error(`no post "${slug}"`);
  return (await load()).default;
}
