import { readStored, watchStored, writeStored } from './storage.ts';

export type ThemeChoice = 'auto' | 'light' | 'dark';
const KEY = 'theme';
const isChoice = (v: unknown): ThemeChoice | undefined =>
  v === 'auto' || v === 'light' || v === 'dark' ? v : undefined;

/**
 * The colour theme: `auto` follows prefers-color-scheme; light and dark override it. The
 * same key is read before first paint by public/theme-init.js, so there is no flash.
 */
class Theme {
  choice = $state<ThemeChoice>(readStored(KEY, isChoice, 'auto'));

  constructor() {
    this.#apply();
    watchStored(KEY, () => {
      this.choice = readStored(KEY, isChoice, 'auto');
      this.#apply();
    });
  }

  set(choice: ThemeChoice): void {
    this.choice = choice;
    writeStored(KEY, choice);
    this.#apply();
  }

  #apply(): void {
    const root = document.documentElement;
    if (this.choice === 'auto') root.removeAttribute('data-theme');
    else root.setAttribute('data-theme', this.choice);
  }
}

export const theme = new Theme();
