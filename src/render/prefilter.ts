/**
 * Removes what the Content-Security-Policy checks as soon as HTML is parsed: inline styles
 * and event handlers (`style` and `on*` attributes, `<style>` elements) and `<base>`.
 *
 * Why: Chromium checks them while it *parses*, even into an inert document (DOMParser,
 * `<template>`): DOMPurify would remove them, but only after the parse has already reported
 * a CSP violation. The Markdown renderer escapes all text, so every
 * `<` here starts real markup; the scan follows the HTML tokenizer's rules for tags,
 * attributes, comments and raw-text elements.
 *
 * This is not the security boundary (DOMPurify is): markup it misreads only means a style or
 * handler that the CSP blocks (and reports), never one that applies or runs.
 */

const RAW_TEXT = new Set(['script', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes']);
const ALPHA = /[a-zA-Z]/;
const SPACE = /[\t\n\f\r ]/;

/** Index just past the `>` that ends the tag whose name ends at `i`, and its attributes. */
function scanAttributes(html: string, i: number): { end: number; kept: string } {
  let kept = '';
  const n = html.length;
  while (i < n) {
    // Before an attribute name: white space and stray slashes.
    const start = i;
    while (i < n && (SPACE.test(html[i]!) || html[i] === '/')) i++;
    const gap = html.slice(start, i);
    if (i >= n) {
      kept += gap;
      break;
    }
    if (html[i] === '>') return { end: i + 1, kept: `${kept}${gap}>` };
    // The name: its first character may be "=", then anything up to space, "/", ">" or "=".
    const nameStart = i;
    i++;
    while (i < n && !SPACE.test(html[i]!) && html[i] !== '/' && html[i] !== '>' && html[i] !== '=')
      i++;
    const name = html.slice(nameStart, i).toLowerCase();
    let j = i;
    while (j < n && SPACE.test(html[j]!)) j++;
    if (html[j] === '=') {
      j++;
      while (j < n && SPACE.test(html[j]!)) j++;
      const quote = html[j];
      if (quote === '"' || quote === "'") {
        const close = html.indexOf(quote, j + 1);
        j = close < 0 ? n : close + 1;
      } else {
        while (j < n && !SPACE.test(html[j]!) && html[j] !== '>') j++;
      }
      i = j;
    }
    // An inline style or handler goes with the space before it.
    if (name !== 'style' && !name.startsWith('on')) kept += gap + html.slice(nameStart, i);
  }
  return { end: n, kept };
}

/** Where the end tag `</name` (followed by space, "/" or ">") starts, from `from`; or -1. */
function findEndTag(html: string, name: string, from: number): number {
  const re = new RegExp(`</${name}[\\t\\n\\f\\r />]`, 'gi');
  re.lastIndex = from;
  return re.exec(html)?.index ?? -1;
}

export function stripInlineCode(html: string): string {
  if (!/style|base|\bon/i.test(html)) return html;
  let out = '';
  let i = 0;
  const n = html.length;
  while (i < n) {
    const lt = html.indexOf('<', i);
    if (lt < 0) {
      out += html.slice(i);
      break;
    }
    out += html.slice(i, lt);
    i = lt;
    const next = html[i + 1] ?? '';
    if (html.startsWith('<!--', i)) {
      // A comment: up to "-->" or "--!>"; "<!-->" and "<!--->" close at once.
      let end = i + 4;
      if (html[end] === '>') end += 1;
      else if (html.startsWith('->', end)) end += 2;
      else {
        const m = /--!?>/g;
        m.lastIndex = end;
        const found = m.exec(html);
        end = found ? found.index + found[0].length : n;
      }
      out += html.slice(i, end);
      i = end;
    } else if (next === '!' || next === '?' || (next === '/' && !ALPHA.test(html[i + 2] ?? ''))) {
      // A bogus comment (doctype, processing instruction, "</" without a name): up to ">".
      const gt = html.indexOf('>', i);
      const end = gt < 0 ? n : gt + 1;
      out += html.slice(i, end);
      i = end;
    } else if (ALPHA.test(next) || next === '/') {
      const closing = next === '/';
      const nameStart = i + (closing ? 2 : 1);
      let j = nameStart;
      while (j < n && !SPACE.test(html[j]!) && html[j] !== '/' && html[j] !== '>') j++;
      const name = html.slice(nameStart, j).toLowerCase();
      const { end, kept } = scanAttributes(html, j);
      if (name === 'base') {
        // <base> is checked against base-uri as soon as it is parsed.
        i = end;
        continue;
      }
      if (name === 'style') {
        // A <style> element goes whole: its raw text up to </style>, and the end tag.
        if (!closing) {
          const close = findEndTag(html, 'style', end);
          i = close < 0 ? n : scanAttributes(html, close + '</style'.length).end;
        } else {
          i = end;
        }
        continue;
      }
      out += html.slice(i, j) + kept;
      i = end;
      if (!closing && name === 'plaintext') {
        out += html.slice(i);
        break;
      }
      if (!closing && RAW_TEXT.has(name)) {
        // Raw text: no markup inside, up to the end tag.
        const close = findEndTag(html, name, i);
        const stop = close < 0 ? n : close;
        out += html.slice(i, stop);
        i = stop;
      }
    } else {
      out += '<';
      i++;
    }
  }
  return out;
}
