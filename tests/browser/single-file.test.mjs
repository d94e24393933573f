// The single-file offline edition (dist/nianbao.html, scripts/single-file.py) opened from file://,
// alone in its folder (as from a USB stick): a seed pasted (verdict, tables), a .docx through the
// file input, several files with continuity, a CSV download; it requests no other file, and its
// Content-Security-Policy (hashes of its inline script and styles) lets all of it run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { useBrowser, shadow, open, paste, result, drawnTables, seed, FILES, SCREENSHOTS, ROOT, parseCsv } from './helpers.mjs';

const FILE = process.env.NIANBAO_SINGLE_FILE ?? join(ROOT, 'dist', 'nianbao.html');
const URL_ = pathToFileURL(FILE).href;

const browser = useBrowser();


test('the single file from file://: a seed, a .docx, several files, a CSV; no other file requested', async () => {
  assert.ok(existsSync(FILE), `${FILE} was built`);
  const html = readFileSync(FILE, 'utf8');
  const markup = html.replace(/<script type="module">[\s\S]*?<\/script>/, ''); // the markup, less the inline code
  assert.doesNotMatch(markup, /<script[^>]+src=|<link[^>]+rel="(stylesheet|modulepreload|preload)"|<img|<iframe/, 'no other file referenced');
  assert.match(html, /script-src 'sha256-[^']+' 'wasm-unsafe-eval'/);
  assert.doesNotMatch(html, /unsafe-inline/);

  const page = await open(browser, URL_);
  const text = seed('001_43e3c9ba6b70e239');
  await paste(page, text);
  const r = await result(page, text);
  assert.equal(r.status, 'checked');
  assert.equal(r.report.agency, '中卫市审批服务管理局');
  assert.match(await shadow(page, '.verdict').textContent(), /^通过/);
  const tables = await drawnTables(page);
  assert.deepEqual(tables.B[0], ['2', '0', '0', '0', '0', '0', '2']);
  assert.deepEqual(tables.A[1], ['0', '7', '0']);
  // the element's stylesheet applied (a hashed <style> in the shadow root)
  assert.equal(await shadow(page, '.verdict').evaluate((e) => getComputedStyle(e).borderRadius), '8px');
  await page.screenshot({ path: join(SCREENSHOTS, 'single-file.tmp.png'), fullPage: false });

  // a Word file through the file input: the file reader's wasm, inline too
  await shadow(page, 'input[type="file"]').setInputFiles({ name: 'seed-001.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', buffer: readFileSync(join(FILES, 'docx/seed-001.docx')) });
  await page.waitForFunction(() => /已读取“seed-001\.docx”/.test(document.querySelector('nianbao-checker').shadowRoot.querySelector('.status').textContent));
  const d = await page.evaluate(() => document.querySelector('nianbao-checker').result);
  assert.equal(d.status, 'checked');
  assert.equal(d.report.agency, '中卫市审批服务管理局');
  assert.equal(d.summary.errors, 0);
  assert.deepEqual((await drawnTables(page)).B[0], ['2', '0', '0', '0', '0', '0', '2']);

  // the sample is inline too
  await shadow(page, 'button.sample').click();
  await result(page, text);

  // several files: the continuity break, and the CSV
  await shadow(page, 'input[type="file"]').setInputFiles([
    { name: 'a-2023.txt', mimeType: 'text/plain', buffer: readFileSync(join(FILES, 'reports/seeds/001_43e3c9ba6b70e239.txt')) },
    { name: 'b-2024.txt', mimeType: 'text/plain', buffer: readFileSync(join(FILES, 'continuity/zhongwei-2024-broken.txt')) },
  ]);
  await page.waitForFunction(() => document.querySelector('nianbao-checker').shadowRoot.querySelectorAll('.summary-table tr.report-row').length === 2);
  assert.match(await shadow(page, 'tr.report-row[data-index="1"] td.col-codes').textContent(), /X001/);
  const [dl] = await Promise.all([page.waitForEvent('download'), shadow(page, 'button.export-csv').click()]);
  const bytes = readFileSync(await dl.path());
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  assert.equal(parseCsv(bytes.subarray(3).toString('utf8')).filter((row) => row[3] === 'X001').length, 2);

  const others = page.log.requests.filter((u) => u !== URL_ && !u.startsWith('blob:') && !u.startsWith('data:'));
  assert.deepEqual(others, [], 'no other file or origin requested');
  assert.deepEqual(page.log.errors, [], 'no errors (and no CSP violation) in the page');
  await page.context().close();
});
