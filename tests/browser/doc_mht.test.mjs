// Word 97–2003 (.doc, LibreOffice) and web archives (.mht, Python's email package; GB2312
// quoted-printable and GBK base64, decoded by the browser's TextDecoder inside the file reader)
// in the page: chosen one at a time and dropped as a batch (read in the worker), each checked as
// the report's text is; an encrypted .doc gets its message. Fixtures: scripts/make_doc_fixtures.py.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { useBrowser, shadow, open, drawnTables, dropFiles, foreign, FILES } from './helpers.mjs';

const browser = useBrowser();
const SEED = '001_43e3c9ba6b70e239';
const checker = (page) => page.evaluate(() => {
  const el = document.querySelector('nianbao-checker');
  return { result: el.result, status: el.dataset.status, verdict: el.shadowRoot.querySelector('.verdict')?.textContent ?? '' };
});

/** Chooses one file with the file input and waits until its text is checked (or refused). */
async function choose(page, file, type) {
  const before = await page.evaluate(() => document.querySelector('nianbao-checker').checkedText);
  await shadow(page, 'input[type="file"]').setInputFiles({ name: file.split('/').pop(), mimeType: type, buffer: readFileSync(join(FILES, file)) });
  await page.waitForFunction((b) => {
    const el = document.querySelector('nianbao-checker');
    return (el.checkedText !== b && el.checkedText === el.value) || el.dataset.status === 'unreadable';
  }, before);
}

test('a .doc and a GB2312 .mht chosen one at a time read as the report, an encrypted .doc gets its message', async () => {
  const page = await open(browser);
  const accept = await shadow(page, 'input[type="file"]').getAttribute('accept');
  for (const ext of ['.doc', '.wps', '.mht', '.mhtml']) assert.ok(accept.split(',').includes(ext), `accept lists ${ext}: ${accept}`);
  for (const [file, type] of [[`doc/${SEED}.doc`, 'application/msword'], [`mht/${SEED}.mht`, 'multipart/related']]) {
    await shadow(page, 'button.clear').click();
    await choose(page, file, type);
    const { result: r } = await checker(page);
    assert.equal(r.status, 'checked', file);
    assert.equal(r.report.agency, '中卫市审批服务管理局', file);
    assert.equal(r.summary.errors, 0, file);
    assert.deepEqual((await drawnTables(page)).B[0], ['2', '0', '0', '0', '0', '0', '2'], file);
  }
  await choose(page, 'doc/special/encrypted.doc', 'application/msword');
  const refused = await checker(page);
  assert.equal(refused.status, 'unreadable');
  assert.match(refused.verdict, /已加密/);
  assert.deepEqual(foreign(page), []);
  assert.deepEqual(page.log.errors, []);
  await page.context().close();
});

test('.doc and .mht files dropped together are read in the worker and checked', async () => {
  const page = await open(browser);
  const files = [
    { name: 'a.doc', type: 'application/msword', bytes: readFileSync(join(FILES, `doc/${SEED}.doc`)) },
    { name: 'b.mht', type: 'multipart/related', bytes: readFileSync(join(FILES, 'mht/002_a8d23b48448f5a19.mht')) }, // GBK base64
    { name: 'c.doc', type: 'application/msword', bytes: readFileSync(join(FILES, 'doc/b001_row_total.tab.doc')) },
  ];
  await dropFiles(page, files);
  await page.waitForFunction(() => document.querySelector('nianbao-checker').shadowRoot.querySelectorAll('.summary-table tr.report-row').length === 3);
  const rows = await page.evaluate(() =>
    [...document.querySelector('nianbao-checker').shadowRoot.querySelectorAll('.summary-table tr.report-row')].map((tr) => [...tr.cells].map((td) => td.textContent)),
  );
  const byName = Object.fromEntries(rows.map((r) => [r[0], r]));
  // 文件, 机关, 年度, 错误, …
  assert.deepEqual(byName['a.doc'].slice(1, 4), ['中卫市审批服务管理局', '2023', '0']);
  assert.deepEqual(byName['b.mht'].slice(1, 4), ['利通区', '2022', '0'], byName['b.mht'].join('|'));
  assert.ok(Number(byName['c.doc'][3]) >= 1, `the mutant's errors: ${byName['c.doc'].join('|')}`);
  assert.match(byName['c.doc'][6], /B001/);
  assert.deepEqual(page.log.errors, []);
  await page.context().close();
});
