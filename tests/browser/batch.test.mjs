// Several reports at once (issue 5): a drop of several files (text, GBK text, Word, a file that
// is not a report) checked together with their continuity across years, the summary table and
// one report's details at a time; the CSV and JSON exports (captured downloads, compared with the
// command line's output); the review sheets (审核意见单) in the print view. No request leaves
// the page's origin.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useBrowser, shadow, open, paste, result, selection, foreign, seed, ROOT, FIXTURES, FILES, SCREENSHOTS, dropFiles, parseCsv } from './helpers.mjs';

const browser = useBrowser();


function clean(page) {
  assert.deepEqual(foreign(page), [], 'requests left the page origin');
  assert.deepEqual(page.log.errors, [], 'errors in the page');
  assert.deepEqual(page.log.dialogs, [], 'dialogs opened');
}

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** The files of the drop: five reports (one in GBK, one a .docx), a 2024 report of seed 001's agency that breaks continuity, and a PDF. */
function batch() {
  const gbk = execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GBK', join(FIXTURES, '004_5cd136013ffaed5d.txt')]);
  return [
    { name: '中卫市2024.txt', type: 'text/plain', bytes: readFileSync(join(FILES, 'continuity/zhongwei-2024-broken.txt')) },
    { name: '中卫市2023.docx', type: DOCX, bytes: readFileSync(join(FILES, 'docx/seed-001.docx')) },
    { name: '000.txt', type: 'text/plain', bytes: readFileSync(join(FIXTURES, '000_4d177dac3167f082.txt')) },
    { name: '002.txt', type: 'text/plain', bytes: readFileSync(join(FIXTURES, '002_a8d23b48448f5a19.txt')) },
    { name: '004-gbk.txt', type: 'text/plain', bytes: gbk },
    { name: '扫描件.pdf', type: 'application/pdf', bytes: Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n', 'latin1') },
  ];
}
const ORDER = ['000.txt', '002.txt', '004-gbk.txt', '中卫市2023.docx', '中卫市2024.txt', '扫描件.pdf']; // by name

/** The command line's output for the same files (same names, in a folder of their own); null when it cannot be built now. */
function cli(files, format, t) {
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-batch-'));
  try {
    for (const f of files) writeFileSync(join(dir, f.name), f.bytes);
    const bin = join(ROOT, 'target', 'debug', 'nianbao');
    try {
      execFileSync('cargo', ['build', '--quiet', '--bin', 'nianbao'], { cwd: ROOT, stdio: 'pipe' });
    } catch (e) {
      t.diagnostic(`cargo build failed, not comparing with the command line: ${String(e.stderr).slice(0, 300)}`);
      return null;
    }
    try {
      return execFileSync(bin, ['check', '--format', format, ...ORDER.filter((n) => files.some((f) => f.name === n))], { cwd: dir, stdio: 'pipe' });
    } catch (e) {
      return e.stdout; // exit 1 or 2: findings, or a file that could not be checked
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Clicks a button that downloads; returns {name, bytes}. */
async function download(page, selector) {
  const [dl] = await Promise.all([page.waitForEvent('download'), shadow(page, selector).click()]);
  return { name: dl.suggestedFilename(), bytes: readFileSync(await dl.path()) };
}

async function dropBatch(page) {
  await dropFiles(page, batch());
  await page.waitForFunction((n) => document.querySelector('nianbao-checker').shadowRoot.querySelectorAll('.summary-table tr.report-row').length === n, ORDER.length);
}

test('several files dropped: a summary table, continuity across years (X001), one report at a time', async () => {
  const page = await open(browser);
  await dropBatch(page);
  const rows = await page.evaluate(() =>
    [...document.querySelector('nianbao-checker').shadowRoot.querySelectorAll('.summary-table tr.report-row')].map((tr) => ({
      status: tr.dataset.status,
      cells: [...tr.cells].map((td) => td.textContent),
    })),
  );
  assert.deepEqual(rows.map((r) => r.cells[0]), ORDER, 'sorted by file name');
  const byName = Object.fromEntries(rows.map((r) => [r.cells[0], r]));
  // 文件, 机关, 年度, 错误, 警告, 提示, 发现的问题, 详情
  assert.deepEqual(byName['中卫市2023.docx'].cells.slice(1, 4), ['中卫市审批服务管理局', '2023', '0']);
  const y2024 = byName['中卫市2024.txt'].cells;
  assert.deepEqual(y2024.slice(1, 3), ['宁夏回族自治区中卫市审批服务管理局', '2024']);
  assert.ok(Number(y2024[3]) >= 2, `errors of 2024: ${y2024[3]}`);
  assert.match(y2024[6], /X001/);
  assert.match(y2024[6], /X002/);
  assert.deepEqual(byName['004-gbk.txt'].cells.slice(1, 3), ['红寺堡区审批服务管理局', '2024']);
  assert.equal(byName['扫描件.pdf'].status, 'binary');
  assert.match(byName['扫描件.pdf'].cells[1], /^未核查：PDF 文件已损坏或不完整/); // a PDF is read (pdf.js): this one is broken
  const total = await shadow(page, '.summary-total').textContent();
  assert.match(total, /^共 6 个文件（1 个未能核查）：\d+ 个错误/);

  // the first file's details are shown; its text is in the text area
  assert.equal(await shadow(page, '.detail-title').textContent(), '报告详情：000.txt');
  assert.equal(await page.evaluate(() => document.querySelector('nianbao-checker').value), seed('000_4d177dac3167f082'));
  await page.screenshot({ path: join(SCREENSHOTS, 'batch-summary.tmp.png'), fullPage: false });

  // the 2024 report's details: X001 in its findings, located in its own text
  await shadow(page, 'tr.report-row[data-index="4"] button.open').click();
  await page.waitForFunction(() => document.querySelector('nianbao-checker').result?.file === '中卫市2024.txt');
  const text2024 = readFileSync(join(FILES, 'continuity/zhongwei-2024-broken.txt'), 'utf8');
  const r = await result(page, text2024);
  assert.equal(await shadow(page, '.detail-title').textContent(), '报告详情：中卫市2024.txt');
  assert.equal(await shadow(page, 'tr.report-row.current td.col-file').textContent(), '中卫市2024.txt');
  const x001 = r.findings.map((f, i) => ({ ...f, index: i + 1 })).filter((f) => f.code === 'X001');
  assert.deepEqual(x001.map((f) => f.column_label), ['自然人', '总计']);
  assert.ok(x001.every((f) => f.expected === '1' && f.found === '0'));
  const shown = await shadow(page, 'tr.finding td.col-code .code').allTextContents();
  assert.equal(shown.filter((c) => c === 'X001').length, 2);
  assert.match(await shadow(page, '.verdict').textContent(), /\d+ 个错误/);
  await shadow(page, `tr.finding[data-index="${x001[0].index}"]`).click();
  const sel = await selection(page);
  assert.equal(sel.start, x001[0].start_utf16);
  assert.equal(sel.text, '0');
  assert.match(await shadow(page, 'tr.finding-detail').textContent(), /X001/);
  await page.screenshot({ path: join(SCREENSHOTS, 'batch-details.tmp.png'), fullPage: false });

  // editing the shown report re-checks the set: carrying the 1 over clears both X001
  const fixed = text2024.replace(/(二、上年结转政府信息公开申请数量\t\t)0(\t0\t0\t0\t0\t0\t)0/, '$11$21');
  assert.notEqual(fixed, text2024);
  await paste(page, fixed);
  const r2 = await result(page, fixed);
  assert.equal(r2.findings.filter((f) => f.code === 'X001').length, 0);
  assert.doesNotMatch(await shadow(page, 'tr.report-row.current td.col-codes').textContent(), /X001/);

  // one file picked after that: back to a single report
  await shadow(page, 'input[type="file"]').setInputFiles({ name: '002.txt', mimeType: 'text/plain', buffer: readFileSync(join(FIXTURES, '002_a8d23b48448f5a19.txt')) });
  await result(page, seed('002_a8d23b48448f5a19'));
  assert.equal(await shadow(page, '.summary-slot').isHidden(), true);
  assert.equal(await shadow(page, '.detail-title').isHidden(), true);
  clean(page);
  await page.context().close();
});

test('several files through the file picker (multiple): a saved web page and the consistent 2024 pass', async () => {
  const page = await open(browser);
  const files = [
    { name: '中卫市2023.html', mimeType: 'text/html', buffer: readFileSync(join(FILES, 'html/seed-001.html')) },
    { name: '中卫市2024.txt', mimeType: 'text/plain', buffer: readFileSync(join(FILES, 'continuity/zhongwei-2024-consistent.txt')) },
  ];
  assert.equal(await shadow(page, 'input[type="file"]').getAttribute('multiple'), '');
  await shadow(page, 'input[type="file"]').setInputFiles(files);
  await page.waitForFunction(() => document.querySelector('nianbao-checker').shadowRoot.querySelectorAll('.summary-table tr.report-row').length === 2);
  const codes = await shadow(page, '.summary-table td.col-codes').allTextContents();
  assert.ok(codes.every((c) => !/X00/.test(c)), codes.join('|'));
  const rows = await shadow(page, '.summary-table tr.report-row').evaluateAll((trs) => trs.map((tr) => [...tr.cells].slice(0, 4).map((td) => td.textContent)));
  assert.deepEqual(rows, [
    ['中卫市2023.html', '中卫市审批服务管理局', '2023', '0'],
    ['中卫市2024.txt', '宁夏回族自治区中卫市审批服务管理局', '2024', '0'],
  ]);
  clean(page);
  await page.context().close();
});

test('CSV and JSON downloads: BOM, CRLF, the command line columns and rows; the JSON array', async (t) => {
  const page = await open(browser);
  await dropBatch(page);
  const csv = await download(page, 'button.export-csv');
  assert.equal(csv.name, '年报核查结果.csv');
  assert.deepEqual([...csv.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM');
  const text = csv.bytes.subarray(3).toString('utf8');
  assert.ok(text.endsWith('\r\n'));
  assert.equal(text.replace(/\r\n/g, '').includes('\n'), false, 'CRLF line ends only');
  const table = parseCsv(text);
  assert.deepEqual(table[0], ['文件', '机关', '年度', '规则', '级别', '行', '位置', '说明', '应为', '实为']);
  const rows = table.slice(1);
  assert.ok(rows.every((r) => r.length === 10));
  const x001 = rows.filter((r) => r[3] === 'X001');
  assert.equal(x001.length, 2);
  assert.deepEqual(x001.map((r) => [r[0], r[2], r[4], r[8], r[9]]), [
    ['中卫市2024.txt', '2024', '错误', '1', '0'],
    ['中卫市2024.txt', '2024', '错误', '1', '0'],
  ]);
  assert.match(x001[0][6], /^三、收到和处理政府信息公开申请情况 \/ 二、上年结转政府信息公开申请数量 \/ 自然人$/);
  const pdf = rows.filter((r) => r[0] === '扫描件.pdf');
  assert.deepEqual(pdf.map((r) => r[4]), ['未核查']);
  assert.match(pdf[0][7], /^PDF 文件已损坏或不完整/);

  // the command line writes the same bytes for the same files
  const expected = cli(batch(), 'csv', t);
  if (expected) assert.equal(csv.bytes.toString('utf8'), expected.toString('utf8'));

  const json = await download(page, 'button.export-json');
  assert.equal(json.name, '年报核查结果.json');
  const list = JSON.parse(json.bytes.toString('utf8'));
  assert.deepEqual(list.map((x) => x.file), ORDER);
  assert.equal(list[5].status, 'binary');
  assert.equal(list[5].error, 'pdf_damaged');
  const y2024 = list[4];
  assert.equal(y2024.findings.filter((f) => f.code === 'X001').length, 2);
  assert.equal(y2024.summary.errors, y2024.findings.filter((f) => f.severity === 'error').length);
  assert.equal(rows.length, list.reduce((n, x) => n + (x.status === 'checked' ? x.findings.length : 1), 0), 'one CSV row per finding');
  const fromCli = cli(batch(), 'json', t);
  if (fromCli) {
    const theirs = JSON.parse(fromCli.toString('utf8'));
    assert.deepEqual(list.map((x) => [x.file, x.status, x.summary, x.findings.map((f) => [f.code, f.line, f.message])]), theirs.map((x) => [x.file, x.status, x.summary, x.findings.map((f) => [f.code, f.line, f.message])]));
  }

  // one pasted report: the file names its agency and year
  const one = seed('001_43e3c9ba6b70e239').replace('(一) 予以公开\t0\t0\t0\t0\t0\t0\t0', '(一) 予以公开\t0\t0\t0\t0\t0\t0\t5');
  await shadow(page, 'button.clear').click();
  await paste(page, one);
  const r = await result(page, one);
  const single = await download(page, 'button.export-csv');
  assert.equal(single.name, '年报核查-中卫市审批服务管理局-2023.csv');
  const srows = parseCsv(single.bytes.subarray(3).toString('utf8')).slice(1);
  assert.equal(srows.length, r.findings.length);
  assert.ok(srows.every((row) => row[0] === '粘贴的文字' && row[1] === '中卫市审批服务管理局' && row[2] === '2023'));
  assert.deepEqual(srows.map((row) => row[3]), r.findings.map((f) => f.code));
  const sjson = JSON.parse((await download(page, 'button.export-json')).bytes.toString('utf8'));
  assert.equal(sjson.length, 1);
  assert.deepEqual({ ...sjson[0], file: undefined }, { ...JSON.parse(JSON.stringify(r)), file: undefined });
  clean(page);
  await page.context().close();
});

test('the review sheet (审核意见单): print view, print stylesheet, every finding and the blanks', async () => {
  const page = await open(browser);
  await page.evaluate(() => {
    window.__printed = 0;
    window.print = () => window.__printed++;
  });
  const text = seed('001_43e3c9ba6b70e239').replace('(一) 予以公开\t0\t0\t0\t0\t0\t0\t0', '(一) 予以公开\t0\t0\t0\t0\t0\t0\t5');
  await paste(page, text);
  const r = await result(page, text);
  await shadow(page, 'button.print-sheet').click();
  assert.equal(await page.evaluate(() => window.__printed), 1, 'window.print() called');
  assert.equal(await shadow(page, '.sheet').count(), 1);
  assert.ok(await shadow(page, '.sheet').isVisible());
  assert.ok(await shadow(page, 'textarea').isHidden(), 'the checker is out of the way');
  const sheet = await shadow(page, '.sheet').textContent();
  for (const s of ['政府信息公开工作年度报告审核意见单', '中卫市审批服务管理局', '2023 年', `未通过（${r.summary.errors} 个错误`, '审核意见', '审核人（签字）', '日期']) assert.ok(sheet.includes(s), s);
  const lines = await shadow(page, '.sheet-findings tbody tr').count();
  assert.equal(lines, r.findings.length);
  const b001 = r.findings.find((f) => f.code === 'B001');
  const placeCell = await shadow(page, '.sheet-findings tbody tr').nth(r.findings.indexOf(b001)).locator('td').nth(3).textContent();
  assert.ok(placeCell.includes(`原文第 ${b001.line} 行`) && placeCell.includes('列：总计'), placeCell);

  // as printed: only the sheet (no buttons, no page footer), on white
  await page.emulateMedia({ media: 'print' });
  const printed = await page.evaluate(() => {
    const root = document.querySelector('nianbao-checker').shadowRoot;
    const shown = (el) => !!el && getComputedStyle(el).display !== 'none' && el.getClientRects().length > 0;
    return { bar: shown(root.querySelector('.print-bar')), layout: shown(root.querySelector('.layout')), head: shown(root.querySelector('.head')), foot: shown(document.querySelector('.page-foot')), sheet: shown(root.querySelector('.sheet')) };
  });
  assert.deepEqual(printed, { bar: false, layout: false, head: false, foot: false, sheet: true });
  await page.screenshot({ path: join(SCREENSHOTS, 'review-sheet-print.tmp.png'), fullPage: true });
  await page.emulateMedia({ media: 'screen' });
  await page.screenshot({ path: join(SCREENSHOTS, 'review-sheet-screen.tmp.png'), fullPage: false });

  // 返回: the checker as it was
  await shadow(page, 'button.print-close').click();
  assert.ok(await shadow(page, 'textarea').isVisible());
  assert.equal(await shadow(page, '.print-view').isHidden(), true);
  assert.equal(await page.evaluate(() => 'nianbaoPrinting' in document.documentElement.dataset), false);

  // a set: one sheet for each checked report
  await dropBatch(page);
  await shadow(page, 'button.print-all').click();
  assert.equal(await shadow(page, '.sheet').count(), 5);
  assert.deepEqual(await shadow(page, '.sheet').evaluateAll((els) => els.map((e) => e.dataset.file)), ORDER.slice(0, 5));
  assert.equal(await page.evaluate(() => window.__printed), 2);
  clean(page);
  await page.context().close();
});
