import { expect, holdApp, openBuilt, inView, seedUrl, test } from './fixtures.ts';

/**
 * A talk link opened on a phone (issue 12: "a talk link … instant from a shared link"): the
 * page paints at the talk, and the app's start and the heading tools it adds move nothing, in
 * any heading, whatever its text's length.
 */
// In the site's language: a reader who chose the other one sees the interface's text switch
// when the app starts (README "Left to do"), which moves the header's controls.
test.use({ viewport: { width: 412, height: 823 }, uiLang: null });

for (const id of ['superuser-award', 'the-good-and-the-bad-of-openstack-rest-apis']) {
  test(`opening #${id} by its link on a phone: no layout shift as the app takes over`, async ({
    page,
  }) => {
    await page.addInitScript(() => {
      const w = window as unknown as { shifts: { value: number; nodes: string[] }[] };
      w.shifts = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries() as (PerformanceEntry & {
          value: number;
          sources: { node?: Node }[];
        })[])
          w.shifts.push({ value: e.value, nodes: e.sources.map((s) => s.node?.nodeName ?? '') });
      }).observe({ type: 'layout-shift', buffered: true });
    });
    const release = await holdApp(page);
    await openBuilt(page, seedUrl(id));
    await expect.poll(() => inView(page, `[id="${id}"]`)).toBe(true);
    const before = await page.evaluate(() => scrollY);
    release();
    await expect(page.locator('[id="summit:app"][data-prerendered]')).toHaveCount(0);
    // Every heading has its tools: the last ones are added in a later task.
    const headings = page.locator('.post-body :is(h2, h3, h4, h5, h6)[id]');
    const count = await headings.count();
    expect(count).toBeGreaterThan(3);
    await expect(page.locator('.post-body .heading-tools')).toHaveCount(count);
    await page.evaluate(
      () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))),
    );
    const after = await page.evaluate(() => ({
      y: scrollY,
      shifts: (window as unknown as { shifts: { value: number; nodes: string[] }[] }).shifts,
    }));
    expect(after.shifts).toEqual([]);
    expect(after.y).toBe(before);
    expect(await inView(page, `[id="${id}"]`)).toBe(true);
  });
}
