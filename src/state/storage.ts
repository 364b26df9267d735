/**
 * localStorage that never throws: storage may be disabled (access throws), full (quota), or
 * hold values written by an older version, another app on the same origin or another tab.
 * Every read is validated by the caller's `parse`; anything unreadable reads as the default.
 */
const PREFIX = 'summit-reader:';

function store(): Storage | undefined {
  try {
    return globalThis.localStorage ?? undefined;
  } catch {
    return undefined;
  }
}

export function readStored<T>(
  key: string,
  parse: (value: unknown) => T | undefined,
  fallback: T,
): T {
  try {
    const raw = store()?.getItem(PREFIX + key);
    if (raw == null) return fallback;
    return parse(JSON.parse(raw)) ?? fallback;
  } catch {
    return fallback;
  }
}

export function writeStored(key: string, value: unknown): void {
  try {
    store()?.setItem(PREFIX + key, JSON.stringify(value));
  } catch (error) {
    // Quota exceeded or storage disabled: the app goes on without remembering.
    console.warn(`Summit Reader could not save "${key}":`, error);
  }
}

/** Calls `onChange` when another tab writes `key`. Returns a function that stops listening. */
export function watchStored(key: string, onChange: () => void): () => void {
  const listener = (event: StorageEvent) => {
    if (event.key === null || event.key === PREFIX + key) onChange();
  };
  addEventListener('storage', listener);
  return () => removeEventListener('storage', listener);
}

export const STORAGE_PREFIX = PREFIX;
