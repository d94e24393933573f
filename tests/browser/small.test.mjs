// Issue 13, small screens: at 360–414 px the page never scrolls sideways (the document's scroll
// width is the viewport's); the redrawn tables scroll inside their own box with the row labels
// kept in view (a sticky first column); the findings table becomes a list of cards. Screenshots
// at 390 px (tests/browser/screenshots/mobile-*.tmp.png; the kept copies are mobile-*.png).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { useBrowser, shadow, open, paste, result, SITE, SCREENSHOTS, pageWidth, dropFiles, FIXTURES, broken } from './helpers.mjs';
import { readFileSync } from 'node:fs';

const browser = useBrowser();

for (const width of [360, 390, 414]) {
  test(`${width} px: no sideways page scroll, tables scroll in their own box, findings as cards`, async () => {
    const page = await open(browser, SITE, { viewport: { width, height: 800 } });
    const widths = { empty: await pageWidth(page) };
    const text = broken();
    await paste(page, text);
    const r = await result(page, text);
    widths.result = await pageWidth(page);
    const b001 = r.findings.findIndex((f) => f.code === 'B001') + 1;
    await shadow(page, `tr.finding[data-index="${b001}"]`).click();
    widths.open = await pageWidth(page);
    console.log(`${width} px: document scroll width ${Object.entries(widths).map(([k, w]) => `${k} ${w.scroll}/${w.viewport}`).join(', ')}`);
    for (const [k, w] of Object.entries(widths)) assert.ok(w.scroll <= w.viewport, `${k}: scroll width ${w.scroll} > viewport ${w.viewport}`);

    const layout = await page.evaluate(() => {
      const root = document.querySelector('nianbao-checker').shadowRoot;
      const box = (el) => el.getBoundingClientRect();
      const grid = root.querySelector('.grid[data-table="B"] .scroll');
      const rowHead = grid.querySelector('tbody th[scope="row"]');
      const before = box(rowHead).left - box(grid).left;
      grid.scrollLeft = grid.scrollWidth; // scrolled to its far right: the row labels stay in view
      const after = box(rowHead).left - box(grid).left;
      const finding = root.querySelector('tr.finding');
      return {
        gridScrolls: grid.scrollWidth > grid.clientWidth,
        gridInside: box(grid).right <= window.innerWidth,
        rowHeadStays: after >= -1 && after <= before + 1 && getComputedStyle(rowHead).position === 'sticky',
        cards: getComputedStyle(finding).display !== 'table-row',
        findingFits: box(finding).right <= window.innerWidth,
      };
    });
    assert.deepEqual(layout, { gridScrolls: true, gridInside: true, rowHeadStays: true, cards: true, findingFits: true });
    if (width === 390) {
      await shadow(page, '.grid[data-table="B"]').screenshot({ path: join(SCREENSHOTS, 'mobile-table-scrolled.tmp.png') });
      await page.evaluate(() => (document.querySelector('nianbao-checker').shadowRoot.querySelector('.grid[data-table="B"] .scroll').scrollLeft = 0));
      await page.screenshot({ path: join(SCREENSHOTS, 'mobile-result.tmp.png'), fullPage: true });
      await shadow(page, `tr.finding[data-index="${b001}"]`).scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(SCREENSHOTS, 'mobile-finding.tmp.png') });
    }

    // the print view of the review sheet (审核意见单)
    await page.evaluate(() => (window.print = () => {}));
    await shadow(page, 'button.print-sheet').click();
    await shadow(page, '.sheet').waitFor();
    const sheet = await pageWidth(page);
    console.log(`${width} px: review sheet, document scroll width ${sheet.scroll}/${sheet.viewport}`);
    assert.ok(sheet.scroll <= sheet.viewport, `review sheet: scroll width ${sheet.scroll} > ${sheet.viewport}`);
    if (width === 390) await page.screenshot({ path: join(SCREENSHOTS, 'mobile-sheet.tmp.png') });
    await shadow(page, 'button.print-close').click();

    // a batch: the summary table scrolls in its box too
    await dropFiles(page, ['000_4d177dac3167f082', '002_a8d23b48448f5a19'].map((n) => ({ name: `${n}.txt`, type: 'text/plain', bytes: readFileSync(join(FIXTURES, `${n}.txt`)) })));
    await page.waitForFunction(() => document.querySelector('nianbao-checker').shadowRoot.querySelectorAll('.summary-table tr.report-row').length === 2 && !document.querySelector('nianbao-checker').hasAttribute('data-busy'));
    const batch = await pageWidth(page);
    console.log(`${width} px: batch summary, document scroll width ${batch.scroll}/${batch.viewport}`);
    assert.ok(batch.scroll <= batch.viewport, `batch: scroll width ${batch.scroll} > ${batch.viewport}`);
    if (width === 390) await page.screenshot({ path: join(SCREENSHOTS, 'mobile-batch.tmp.png'), fullPage: true });
    assert.deepEqual(page.log.errors, []);
    await page.context().close();
  });
}
