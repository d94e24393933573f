// Issue 11 (L001) on the page: the cell most likely wrong is marked in the redrawn table with the
// value that would make every relation hold beside the reported one, and the findings it explains
// are listed under it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { useBrowser, shadow, open, paste, result, seed, foreign, FILES, SCREENSHOTS } from './helpers.mjs';

const browser = useBrowser();

test('one wrong figure of table 三: the cell is marked with the value it needs, its findings under it', async () => {
  const page = await open(browser);
  const text = seed('001_43e3c9ba6b70e239').replace('(一) 予以公开\t0\t0\t0\t0\t0\t0\t0', '(一) 予以公开\t0\t0\t0\t0\t0\t0\t5');
  await paste(page, text);
  const r = await result(page, text);
  const l = r.findings.filter((f) => f.code === 'L001');
  assert.equal(l.length, 1, JSON.stringify(r.findings.map((f) => f.code)));
  assert.deepEqual([l[0].table, l[0].row, l[0].column, l[0].expected, l[0].found], ['B', 2, 6, '0', '5']);
  assert.deepEqual(l[0].explains, ['B001', 'B002']);
  assert.equal(l[0].alternatives, undefined);

  const cell = shadow(page, '.grids td[data-table="B"][data-row="2"][data-col="6"]');
  assert.match(await cell.getAttribute('class'), /\bsuggest\b/);
  assert.doesNotMatch(await cell.getAttribute('class'), /\bsuggest-maybe\b/);
  assert.equal(await cell.getAttribute('data-suggest'), '→ 0');
  assert.equal(await cell.textContent(), '5', 'the reported value stays as read');
  const after = await cell.evaluate((td) => getComputedStyle(td, '::after').content);
  assert.match(after, /→ 0/);

  // the findings table: L001 first, the findings it explains right under it
  const rows = await shadow(page, 'tr.finding').evaluateAll((trs) => trs.map((tr) => ({ code: tr.dataset.code, explained: tr.classList.contains('explained') })));
  const at = rows.findIndex((x) => x.code === 'L001');
  const explained = r.findings.filter((f) => f.table === 'B' && ['B001', 'B002'].includes(f.code)).length;
  assert.deepEqual(
    rows.slice(at, at + 1 + explained),
    [{ code: 'L001', explained: false }, ...rows.slice(at + 1, at + 1 + explained).map((x) => ({ code: x.code, explained: true }))],
  );
  assert.ok(rows.slice(at + 1, at + 1 + explained).every((x) => ['B001', 'B002'].includes(x.code)), JSON.stringify(rows));
  assert.equal(rows.filter((x) => x.explained).length, explained);
  assert.deepEqual(foreign(page), []);
  assert.deepEqual(page.log.errors, []);
  await shadow(page, '.findings').screenshot({ path: join(SCREENSHOTS, 'locate-findings.tmp.png') });
  await shadow(page, '.grids figure[data-table="B"]').screenshot({ path: join(SCREENSHOTS, 'locate-grid.tmp.png') });
  await page.context().close();
});

test('several explanations (hongzequ-2023 table 四): every candidate cell marked as one possibility', async () => {
  const page = await open(browser);
  const text = readFileSync(join(FILES, 'reports', 'real', 'hongzequ-2023.txt'), 'utf8');
  await paste(page, text);
  const r = await result(page, text);
  const l = r.findings.find((f) => f.code === 'L001');
  assert.ok(l, 'L001');
  assert.equal(l.table, 'C');
  assert.deepEqual([...new Set(l.alternatives.map((a) => a.option))], [1, 2]);
  const total = shadow(page, '.grids td[data-table="C"][data-row="0"][data-col="4"]');
  assert.match(await total.getAttribute('class'), /\bsuggest-maybe\b/);
  assert.equal(await total.getAttribute('data-suggest'), '→ 11？');
  assert.equal(await shadow(page, '.grids td.suggest').count(), 3);
  assert.deepEqual(page.log.errors, []);
  await page.context().close();
});
