import { Tokenizer, type Tokens } from 'marked';

/**
 * kramdown's `*` emphasis next to CJK text. kramdown opens `*`/`**` wherever no space follows
 * and closes it wherever none precedes: `配置的**\[baremetal\]**选项` is strong. CommonMark's
 * flanking rules refuse it, since a CJK letter outside the run and punctuation inside make the
 * run neither left- nor right-flanking. As the CJK-friendly emphasis proposals do, a CJK
 * character beside a `*` run is taken as punctuation there: in the text marked searches for
 * delimiters (its emStrongMask hook, same length), and as the character before an opening run.
 * `_` keeps CommonMark's rules (kramdown does not open `_` inside a word either).
 */

const CJK = '\\u2e80-\\u9fff\\uac00-\\ud7af\\uf900-\\ufaff\\uff00-\\uffef';
const CJK_CHAR = new RegExp(`[${CJK}]`);
const BESIDE_STAR = new RegExp(`[${CJK}](?=\\*)|(?<=\\*)[${CJK}]`, 'g');

/** The delimiter-search text with CJK characters beside `*` runs as punctuation. */
export function maskCjk(src: string): string {
  return src.includes('*') ? src.replace(BESIDE_STAR, '.') : src;
}

/** marked's emStrong, with a CJK character before an opening `*` run taken as punctuation. */
export function cjkEmStrong(
  this: Tokenizer,
  src: string,
  maskedSrc: string,
  prevChar = '',
): Tokens.Em | Tokens.Strong | undefined {
  const prev = src[0] === '*' && CJK_CHAR.test(prevChar) ? '.' : prevChar;
  return Tokenizer.prototype.emStrong.call(this, src, maskedSrc, prev);
}
