import { describe, expect, it } from 'vitest';
import { limitNesting, MAX_NESTING } from './nesting.ts';
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
