/**
 * Post dates read as Jekyll 4.3.1 reads them (Ruby's `Time.parse`), observed with Debian's
 * jekyll 4.3.1:
 * - a day past the end of its month rolls over into the next: `2015-02-30` is dated
 *   2015-03-02, `2015-04-31` 2015-05-01 (in the file name and in front matter alike);
 * - a month outside 1–12, a day outside 1–31 (`2015-13-45`, `0000-00-00`), a time such as
 *   `25:61` or a date that is no date at all (`99:99:99`, `hello`) stop Jekyll's build;
 * - a front matter date with trailing text (`2020-03-05junk`) is read by `Time.parse` as
 *   something else altogether (2026-06-05 on the day we tried it).
 * The reader never stops: each of these gets a warning, and what Jekyll cannot read is never
 * guessed at.
 */

export interface JekyllDate {
  /** YYYY-MM-DD, after any roll-over. */
  date: string;
  /** Date and time, for ordering posts of one day. */
  sortKey: string;
  /** True when the day was past the end of its month and rolled over, as Jekyll does. */
  rolled: boolean;
}

/** A date, an optional time (with fractions of a second) and an optional time zone, nothing else. */
const DATE_TIME =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:[ \t]+|T)(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?(?:[ \t]*(?:Z|[+-]\d{1,2}(?::?\d{2})?))?$/;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * Reads `YYYY-MM-DD[ HH:MM[:SS]][ zone]` as Jekyll does, or returns undefined where Jekyll
 * stops its build. A time zone never moves the day.
 */
export function readJekyllDate(text: string): JekyllDate | undefined {
  const m = DATE_TIME.exec(text.trim());
  if (!m) return undefined;
  let year = Number(m[1]);
  let month = Number(m[2]);
  let day = Number(m[3]);
  const [hour, minute, second] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  if (hour > 23 || minute > 59 || second > 60) return undefined;
  let rolled = false;
  const length = daysInMonth(year, month);
  if (day > length) {
    day -= length;
    month++;
    rolled = true;
    if (month > 12) {
      month = 1;
      year++;
    }
  }
  const date = `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
  return { date, sortKey: `${date}T${pad(hour)}:${pad(minute)}:${pad(second)}`, rolled };
}

function asText(v: unknown): string | undefined {
  if (typeof v === 'string') return v.trim() || undefined;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date && !Number.isNaN(v.getTime())) return v.toISOString();
  return undefined;
}

export interface PostDating {
  /** The post's date, or undefined when neither front matter nor file name gives one. */
  dated?: JekyllDate;
  /** A warning about the front matter `date` (for its line). */
  frontMatter?: string;
  /** A warning about the date in the file name (for the file, no line). */
  fileName?: string;
  /**
   * True when the file name's date is one Jekyll cannot read and front matter gives none:
   * Jekyll stops its build on such a file; the reader leaves the post out.
   */
  leftOut: boolean;
}

/**
 * A post's date: its front matter `date` when Jekyll can read it, else its file name's
 * (`fileNameDate`, YYYY-MM-DD or ''). Every date Jekyll would roll over or refuse is warned.
 */
export function datePost(frontMatterDate: unknown, fileNameDate: string): PostDating {
  const out: PostDating = { leftOut: false };
  const fromName = fileNameDate ? readJekyllDate(fileNameDate) : undefined;
  if (frontMatterDate !== undefined && frontMatterDate !== null) {
    const text = asText(frontMatterDate);
    const dated = text === undefined ? undefined : readJekyllDate(text);
    const shown = text ?? JSON.stringify(frontMatterDate);
    if (dated) {
      out.dated = dated;
      if (dated.rolled)
        out.frontMatter = `front matter date "${shown}" is past the end of its month; dated ${dated.date}, as Jekyll does`;
      return out;
    }
    const instead = fromName
      ? "the file name's date is used"
      : fileNameDate
        ? 'the post is left out'
        : 'the post has no date';
    out.frontMatter = `front matter date "${shown}" is not a YYYY-MM-DD date with an optional HH:MM:SS and time zone (Jekyll stops its build on it); ${instead}`;
  }
  if (!fileNameDate) return out;
  if (!fromName) {
    out.fileName = `the file name's date ${fileNameDate} is not a date (Jekyll stops its build on it); the post is left out`;
    out.leftOut = true;
    return out;
  }
  out.dated = fromName;
  if (fromName.rolled)
    out.fileName = `the file name's date ${fileNameDate} is past the end of its month; dated ${fromName.date}, as Jekyll does`;
  return out;
}
