import * as catalog from 'virtual:summit/catalog';
import { decodeCatalog } from '../shared/catalog-codec.ts';
import { tagKey } from '../shared/routes.ts';
import type { PostMeta } from '../shared/types.ts';

/** Every post, newest first (the eager catalog, served compact and expanded here). */
export const posts: PostMeta[] = decodeCatalog(catalog.posts);

const bySlug = new Map(posts.map((p) => [p.slug, p]));

export function findPost(slug: string): PostMeta | undefined {
  return bySlug.get(slug);
}

let bodyFiles: Map<string, string | undefined> | undefined;

/** The URL of a post's body file (`assets/posts/<hash>.htmlz`, in the order of `posts`); none in dev. */
export function bodyFileOf(slug: string): string | undefined {
  bodyFiles ??= new Map(posts.map((p, i) => [p.slug, catalog.bodies?.[i]]));
  return bodyFiles.get(slug);
}

/** The posts with a tag (or category) whose page key (`tagKey`: its slug) is `key`. */
export function postsTagged(kind: 'tags' | 'categories', key: string): PostMeta[] {
  return posts.filter((p) =>
    (kind === 'tags' ? p.tags : p.categories).some((t) => tagKey(t) === key),
  );
}

/** The tag's name as its first post writes it (the page key is its slug). */
export function tagName(kind: 'tags' | 'categories', key: string): string {
  for (const p of posts) {
    const found = (kind === 'tags' ? p.tags : p.categories).find((t) => tagKey(t) === key);
    if (found !== undefined) return found;
  }
  return key;
}
