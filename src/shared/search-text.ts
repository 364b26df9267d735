// Text functions search needs on both sides: the build (bigram tables, norms) and the browser
// (query words, highlights in results and in the post). Pure: no DOM, no `node:`.

/**
 * Lower-cases and folds full-width ASCII (ＡＢＣ，１２３) to ASCII without changing the length,
 * so that a range in the folded string is the same range in the original. The one fold of
 * search: the index, the query, the result highlights and the marks in the post use it.
 */
export function fold(s: string): string {
  let out = s.toLowerCase();
  if (out.length !== s.length) {
    out = '';
    for (const ch of s) {
      const l = ch.toLowerCase();
      out += l.length === ch.length ? l : ch;
    }
  }
  return out.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

export function isSpace(c: number): boolean {
  return c <= 32 || c === 0xa0 || c === 0x3000;
}

/** 32-bit hash of a bigram (a one-character CJK "bigram" is `(c, 1)`); buckets are its top bits. */
export function gramHash(a: number, b: number): number {
  return Math.imul((a << 16) | b, 0x9e3779b1) >>> 0;
}

/** Whether a code unit is a CJK character indexed on its own too. */
export function isCjkUnit(c: number): boolean {
  return c >= 0x3040 && c < 0xd800;
}

/**
 * Calls `fn` with the hash of every bigram of `s` (and of every CJK character alone), in order,
 * with repeats: the bigram tables' view of a field.
 */
export function eachGram(s: string, fn: (hash: number) => void): void {
  let a = s.length ? s.charCodeAt(0) : 32;
  for (let i = 0; i < s.length; i++) {
    const b = s.charCodeAt(i);
    if (isCjkUnit(b)) fn(gramHash(b, 1));
    if (i === 0) continue;
    if (!isSpace(a) && !isSpace(b)) fn(gramHash(a, b));
    a = b;
  }
}

/** Bucket bits of a table over this many characters: about one bucket per 8 characters. */
export function tableBits(totalChars: number): number {
  return Math.min(20, Math.max(10, Math.ceil(Math.log2(totalChars / 8 + 1))));
}

/** Fuse's tokens in a field: runs of characters between white space. */
export function tokenCount(value: string): number {
  let tokens = 0;
  let inWord = false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if ((c >= 9 && c <= 13) || c === 32 || c === 160) inWord = false;
    else if (!inWord) {
      tokens++;
      inWord = true;
    }
  }
  return tokens;
}

/** Fuse's field-length norm (fuse.js `norm()` with weight 1, 3 decimals) for a token count. */
export function normOf(tokens: number): number {
  return Math.round(1000 / Math.sqrt(Math.max(1, tokens))) / 1000;
}

/** Fuse's field-length norm of a whole field. */
export function fieldNorm(value: string): number {
  return normOf(tokenCount(value));
}
