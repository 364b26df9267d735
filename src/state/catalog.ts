import * as catalog from 'virtual:summit/catalog';
import { decodeCatalog } from '../shared/catalog-codec.ts';
import type { PostBody, PostMeta } from '../shared/types.ts';

/** Every post, newest first (the eager catalog, served compact and expanded here). */
export const posts: PostMeta[] = decodeCatalog(catalog.posts);

const bySlug = new Map(posts.map((p) => [p.slug, p]));

export function findPost(slug: string): PostMeta | undefined {
  return bySlug.get(slug);
}

/** Loads a post's lazy chunk. */
export async function loadPostBody(slug: string): Promise<PostBody> {
  const load = catalog.loaders[slug];
  if (!load) throw new Error(`no post "${slug}"`);
  return (await load()).default as PostBody;
}
