import type { TokenizerExtension } from 'marked';

/**
 * kramdown's `<<` and `>>` are guillemets (« »), typographic symbols, before HTML: in GFM
 * `<<guillemets>>` would read as the tag `<guillemets>`. The run is a plain text token, which
 * the typography pass (src/shared/jekyll/kramdown.ts applyTypography) turns into « and ».
 */
export const guillemetExtension: TokenizerExtension = {
  name: 'kdGuillemet',
  level: 'inline',
  tokenizer(src) {
    if (!src.startsWith('<<') && !src.startsWith('>>')) return undefined;
    return { type: 'text', raw: src.slice(0, 2), text: src.slice(0, 2) };
  },
};
