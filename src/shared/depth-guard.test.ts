import { describe, expect, it } from 'vitest';
import { limitEmphasis, limitNesting, MAX_EMPHASIS, MAX_NESTING } from './depth-guard.ts';
import { analysePost } from './post.ts';

const deepList = (n: number) =>
  Array.from({ length: n }, (_, i) => `${'  '.repeat(i)}- level ${i + 1}`).join('\n');

describe('limitNesting', () => {
  it('leaves ordinary posts alone', () => {
    const text = '- a\n  - b\n    - c\n\n> quote\n> > nested\n\n    code\n';
    expect(limitNesting(text)).toEqual({ text, line: -1, depth: 0 });
  });

  it('flattens a list deeper than the limit, keeping every item', () => {
    const r = limitNesting(deepList(500));
    expect(r.line).toBe(MAX_NESTING);
    expect(r.depth).toBe(500);
    const lines = r.text.split('\n');
    expect(lines).toHaveLength(500);
    expect(lines[499]).toBe(' level 500');
    expect(lines[MAX_NESTING - 1]).toBe(`${'  '.repeat(MAX_NESTING - 1)}- level ${MAX_NESTING}`);
  });

  it('flattens deep quotes and one-line nesting', () => {
    const quote = limitNesting(`${'> '.repeat(20_000)}bottom`);
    expect(quote.line).toBe(0);
    expect(quote.text).toBe(`${'> '.repeat(MAX_NESTING).trimEnd()} bottom`);
    expect(limitNesting(`${'- '.repeat(1000)}x`).text).toBe(
      `${'- '.repeat(MAX_NESTING).trimEnd()} x`,
    );
  });

  it('never touches fenced code', () => {
    const text = `\`\`\`yaml\n${' '.repeat(400)}- deep: yaml\n\`\`\`\n`;
    expect(limitNesting(text).line).toBe(-1);
  });

  it('reports the flattened line in the file', () => {
    const p = analysePost('2015-01-01-deep.md', `---\ntitle: t\n---\n## H\n\n${deepList(300)}\n`);
    expect(p.problems).toEqual([
      expect.objectContaining({
        line: 6 + MAX_NESTING,
        message: expect.stringMatching(/300 levels/),
      }),
    ]);
    expect(p.body.markdown).toContain('level 300');
  });
});

describe('limitEmphasis', () => {
  const nested = (n: number) => `${'*'.repeat(n)}deep${'*'.repeat(n)}`;

  it('leaves ordinary emphasis alone', () => {
    const text = `***bold italic*** and _a_ **b** ${'*x* '.repeat(200)}\n\n\`${'*'.repeat(300)}\`\n`;
    expect(limitEmphasis(text)).toEqual({ text, line: -1, depth: 0 });
    const fenced = `\`\`\`\n${nested(300)}\n\`\`\`\n`;
    expect(limitEmphasis(fenced).line).toBe(-1);
  });

  it('shows 2,000 nested * as text, keeping every character, and only that paragraph', () => {
    const text = `*kept*\n\n${nested(2000)}\n\n_also kept_\n`;
    const r = limitEmphasis(text);
    expect(r.line).toBe(2);
    expect(r.depth).toBe(2000);
    const lines = r.text.split('\n');
    expect(lines[0]).toBe('*kept*');
    expect(lines[2]).toBe(`${'\\*'.repeat(2000)}deep${'\\*'.repeat(2000)}`);
    expect(lines[4]).toBe('_also kept_');
  });

  it('catches nesting spread over words and lines', () => {
    const words = `${Array.from({ length: 2000 }, (_, i) => `*w${i}`).join(' ')}\nend* `.repeat(1);
    const r = limitEmphasis(words);
    expect(r.line).toBe(0);
    expect(r.depth).toBeGreaterThan(MAX_EMPHASIS);
  });

  it('a post with 2,000 nested * is kept, with a warning at its line', () => {
    const p = analysePost(
      '2016-01-16-x.md',
      `---\ntitle: Stars\n---\n## Deep\n\n${nested(2000)}\n`,
    );
    expect(p.problems).toEqual([
      expect.objectContaining({ line: 6, message: expect.stringMatching(/emphasis nested 2000/) }),
    ]);
    expect(p.sections[0]!.text).toContain(`${'*'.repeat(2000)}deep`);
  });
});
