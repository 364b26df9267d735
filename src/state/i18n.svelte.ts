import { strings, UI_LANGS, uiLangFor, type Strings, type UiLang } from '../i18n/strings.ts';
import { site } from './site.ts';
import { readStored, watchStored, writeStored } from './storage.ts';

const KEY = 'ui-lang';
const isLang = (v: unknown): UiLang | undefined =>
  UI_LANGS.some((l) => l.code === v) ? (v as UiLang) : undefined;

/**
 * The interface language: the reader's choice, else the site's (src/i18n/strings.ts
 * `uiLangFor`), the one the built pages are written in.
 */
class I18n {
  lang = $state<UiLang>(readStored(KEY, isLang, uiLangFor(site.lang)));
  t: Strings = $derived(strings[this.lang] as Strings);
  /** BCP 47 tag for Intl and the `lang` attribute of interface text. */
  htmlLang = $derived(UI_LANGS.find((l) => l.code === this.lang)!.htmlLang);

  constructor() {
    watchStored(KEY, () => {
      this.lang = readStored(KEY, isLang, this.lang);
    });
  }

  set(lang: UiLang): void {
    this.lang = lang;
    writeStored(KEY, lang);
  }

  /** A date (YYYY-MM-DD) in the interface language. */
  formatDate(date: string): string {
    const d = new Date(`${date}T00:00:00Z`);
    if (!date || Number.isNaN(d.getTime())) return date;
    return d.toLocaleDateString(this.htmlLang, {
      year: 'numeric',
      month: 'long',
      day: 'numeric',
      timeZone: 'UTC',
    });
  }
}

export const i18n = new I18n();
