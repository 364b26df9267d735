import type { MarkedExtension, TokenizerAndRendererExtension } from 'marked';
import { aldExtension, attributeRenderers, blockIalExtension, spanIalExtension } from './ial.ts';
import { footnoteDefExtension, footnoteRefExtension, footnotesExtension } from './footnotes.ts';
import {
  abbreviationDefExtension,
  abbreviationExtension,
  definitionListExtension,
  hiddenExtension,
} from './definitions.ts';
import { blockMathExtension, inlineMathExtension } from './math.ts';
import { tocExtension } from './toc.ts';
import { htmlMarkdownExtension, tableExtension } from './blocks.ts';
import { guillemetExtension } from './guillemets.ts';

/** Every kramdown extension, for marked's `extensions` option (src/shared/markdown.ts). */
export const KRAMDOWN_EXTENSIONS: NonNullable<MarkedExtension['extensions']> = [
  aldExtension,
  blockIalExtension,
  footnoteDefExtension,
  abbreviationDefExtension,
  definitionListExtension,
  blockMathExtension,
  htmlMarkdownExtension,
  tableExtension,
  spanIalExtension,
  footnoteRefExtension,
  inlineMathExtension,
  guillemetExtension,
  footnotesExtension,
  hiddenExtension,
  abbreviationExtension,
  tocExtension,
  ...attributeRenderers,
];

/** A line that ends a paragraph in kramdown: a block IAL or ALD, or a definition. */
const ENDS_PARAGRAPH = /[ ]{0,3}(?:\{:(?!:)|:[ \t])/y;

/**
 * Where kramdown ends a paragraph before its next blank line (marked stops a paragraph where
 * a block extension's `start` says): at a `{: …}` line or a `: definition` line. It reads
 * only up to the paragraph's first blank line, so a long post stays linear.
 */
export const kramdownBlockStart: TokenizerAndRendererExtension = {
  name: 'kdParagraphEnd',
  level: 'block',
  start(src) {
    for (let nl = src.indexOf('\n'); nl >= 0; nl = src.indexOf('\n', nl + 1)) {
      const line = nl + 1;
      let k = line;
      while (src[k] === ' ' || src[k] === '\t') k++;
      if (src[k] === '\n' || k >= src.length) return undefined;
      ENDS_PARAGRAPH.lastIndex = line;
      if (ENDS_PARAGRAPH.test(src)) return line;
    }
    return undefined;
  },
  tokenizer: () => undefined,
};
