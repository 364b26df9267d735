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

  /**
   * A date (YYYY-MM-DD) in the interface language, as Intl's long form writes it. Not with
   * Intl: its first formatter costs the page's start about 20 ms (80 ms on a slow phone).
   */
  formatDate(date: string): string {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
    const d = m && new Date(`${date}T00:00:00Z`);
    if (!m || !d || Number.isNaN(d.getTime()) || d.getUTCDate() !== Number(m[3])) return date;
    return this.t.date(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
  }
}

export const i18n = new I18n();
