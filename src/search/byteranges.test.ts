import { describe, expect, it } from 'vitest';
import { rangeReply } from '../../scripts/bench/byteranges.mjs';
import { bytesOf, rangeHeader, replyPieces } from './byteranges.ts';

const file = Buffer.from('0123456789abcdefghij\r\n--summit-ranges\r\nKLMNOPQRSTUVWXYZ');
const pieces = (header: string, mode: 'multi' | 'first' = 'multi') => {
  const r = rangeReply(file, header, 'application/octet-stream', mode)!;
  return replyPieces(
    r.status,
    r.headers['Content-Type'] ?? null,
    r.headers['Content-Range'] ?? null,
    r.body,
  );
};
const text = (b: Uint8Array | undefined) => (b ? Buffer.from(b).toString() : b);

describe('byte-range replies', () => {
  it('asks for half-open spans as inclusive ranges', () => {
    expect(
      rangeHeader([
        [0, 1],
        [5, 10],
      ]),
    ).toBe('bytes=0-0,5-9');
  });

  it('reads every part of a multipart reply, even one holding the boundary in its bytes', () => {
    const p = pieces(
      rangeHeader([
        [2, 4],
        [18, 45],
        [50, 52],
      ]),
    )!;
    expect(p.map((x) => x.start)).toEqual([2, 18, 50]);
    expect(text(bytesOf(p, 2, 4))).toBe('23');
    expect(text(bytesOf(p, 18, 45))).toBe(file.subarray(18, 45).toString());
    expect(text(bytesOf(p, 50, 52))).toBe(file.subarray(50, 52).toString());
    // Not held whole by one part: not read.
    expect(bytesOf(p, 3, 19)).toBeUndefined();
    expect(bytesOf(p, 0, 2)).toBeUndefined();
  });

  it('a plain 206 is its one range; a 200 the whole file', () => {
    const p = pieces('bytes=3-5,8-9', 'first')!;
    expect(p).toHaveLength(1);
    expect(text(bytesOf(p, 3, 6))).toBe('345');
    expect(bytesOf(p, 8, 10)).toBeUndefined();
    expect(text(bytesOf(replyPieces(200, null, null, file)!, 8, 10))).toBe('89');
  });

  it('a reply that does not add up is not read: cut short, a wrong length, no range, another status', () => {
    const r = rangeReply(file, 'bytes=0-3,10-12', 'application/octet-stream')!;
    const type = r.headers['Content-Type']!;
    expect(replyPieces(206, type, null, r.body)).toHaveLength(2);
    expect(replyPieces(206, type, null, r.body.subarray(0, r.body.length - 12))).toBeUndefined();
    expect(replyPieces(206, type, null, r.body.subarray(0, 60))).toBeUndefined();
    expect(replyPieces(206, 'multipart/byteranges; boundary="x"', null, r.body)).toBeUndefined();
    expect(replyPieces(206, 'application/octet-stream', 'bytes 0-3/60', file)).toBeUndefined();
    expect(replyPieces(206, 'application/octet-stream', null, file.subarray(0, 4))).toBeUndefined();
    expect(replyPieces(416, null, 'bytes */60', new Uint8Array())).toBeUndefined();
    expect(replyPieces(404, null, null, file)).toBeUndefined();
  });
});
