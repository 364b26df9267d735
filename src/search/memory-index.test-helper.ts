// Test helper: the index files of some sections, served from memory to the engine, with a log
// of the requests and a way to break files (missing, corrupt).
import { buildSearchFiles, buildSearchRows, type SearchLayout } from '../build/search-index.ts';
import type { SectionDoc } from '../shared/types.ts';
import { SearchEngine } from './engine.ts';
import type { CacheLookup } from './store.ts';
import { rangeReply, type RangeMode } from '../../scripts/bench/byteranges.mjs';

export const BASE = 'https://example.test/assets/';

export function memoryIndex(sections: SectionDoc[], layout?: SearchLayout) {
  const rows = buildSearchRows(sections);
  const built = buildSearchFiles(JSON.parse(JSON.stringify(rows)), layout);
  const files = new Map(built.files);
  const url = `${BASE}${built.folder}/index.jsonz${built.urlHint}`;
  const requests: string[] = [];
  /** How the host answers byte ranges (scripts/bench/byteranges.mjs); `none` by default. */
  const host: { ranges: RangeMode } = { ranges: 'none' };
  const fetcher = async (u: string, init?: RequestInit) => {
    requests.push(u);
    const name = u.slice(`${BASE}${built.folder}/`.length).replace(/#.*/, '');
    const body = files.get(name);
    if (body === undefined) return new Response('Not found', { status: 404 });
    const range = new Headers(init?.headers).get('Range') ?? undefined;
    const reply = rangeReply(Buffer.from(body), range, 'application/octet-stream', host.ranges);
    return reply
      ? new Response(new Uint8Array(reply.body), reply)
      : new Response(body, { headers: { 'Content-Type': 'application/json' } });
  };
  /** A service worker cache holding these files of the index (by name), or any other text. */
  const cache = (held: Map<string, string | Uint8Array<ArrayBuffer>>): CacheLookup => ({
    any: async () => true,
    match: async (u) => {
      const body = held.get(u.slice(`${BASE}${built.folder}/`.length));
      return body === undefined ? undefined : new Response(body);
    },
  });
  return {
    rows,
    built,
    files,
    url,
    requests,
    host,
    fetcher,
    cache,
    engine: (cached?: CacheLookup) => new SearchEngine(url, fetcher, cached),
  };
}
