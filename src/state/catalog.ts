import * as catalog from 'virtual:summit/catalog';
import { decodeCatalog } from '../shared/catalog-codec.ts';
import type { PostBody, PostMeta } from '../shared/types.ts';

/** Every post, newest first (the eager catalog, served compact and expanded here). */
export const posts: PostMeta[] = decodeCatalog(catalog.posts);

const bySlug = new Map(posts.map((p) => [p.slug, p]));

export function findPost(slug: string): PostMeta | undefined {
  return bySlug.get(slug);
}

const bodies = new Map<string, Promise<PostBody>>();

/** Loads a post's lazy body (one fetch, shared by every caller; tried again after a failure). */
export function loadPostBody(slug: string): Promise<PostBody> {
  let body = bodies.get(slug);
  if (!body) {
    const load = catalog.loaders[slug];
    if (!load) return Promise.reject(new Error(`no post "${slug}"`));
    body = load();
    body.catch(() => bodies.delete(slug));
    bodies.set(slug, body);
  }
  return body;
}

/** The posts with a tag (or category), matched case-insensitively as Jekyll's pages do. */
export function postsTagged(kind: 'tags' | 'categories', value: string): PostMeta[] {
  const v = value.toLowerCase();
  return posts.filter((p) =>
    (kind === 'tags' ? p.tags : p.categories).some((t) => t.toLowerCase() === v),
  );
}
