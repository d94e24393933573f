// PDFs in the page (issue 10): the fixtures of tests/fixtures/pdf (LibreOffice, Chromium's print
// to PDF, ReportLab with a non-embedded Chinese font; see scripts/make_pdf_fixtures.py) dropped
// on the page are read by pdf.js, rebuilt by the core from the page geometry and checked: every
// table cell as the report's text gives it, the text's findings, each with its page; the
// command line (native reader) gives the same findings on the same files; clicking a finding
// draws its page with the cell's box marked; broken PDFs get their message.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { useBrowser, shadow, open, selection, foreign, dropFiles, ROOT, FILES, SCREENSHOTS } from './helpers.mjs';

const browser = useBrowser();
const PDFS = join(FILES, 'pdf');
// Each PDF and the text it was made from (tests/pdf.rs reads the same file).
const SOURCES = JSON.parse(readFileSync(join(PDFS, 'sources.json'), 'utf8'));
const SAME_AS_TEXT = Object.keys(SOURCES);
const textOf = (name) => join(FILES, SOURCES[name]);

/** The command line's JSON for files (the native reader for PDFs). */
function cli(...files) {
  let out;
  try {
    out = execFileSync('cargo', ['run', '-q', '--bin', 'nianbao', '--', 'check', '--format', 'json', ...files], { cwd: ROOT, maxBuffer: 1 << 26, stdio: ['ignore', 'pipe', 'ignore'] });
  } catch (e) {
    if (e.status !== 1) throw e; // 1: some report has an error finding
    out = e.stdout;
  }
  return JSON.parse(out.toString());
}

let drops = 0;

/** Drops one PDF fixture on the page and waits until it is checked or refused. */
async function dropPdf(page, name) {
  // a text first, so that the state the drop leaves (a result from the PDF, or a refusal) is new
  const filler = `尚未核查的文字 ${++drops}`;
  await page.locator('nianbao-checker textarea').fill(filler);
  await page.waitForFunction((t) => {
    const el = document.querySelector('nianbao-checker');
    return el.checkedText === t && el.dataset.status !== 'unreadable' && el.dataset.engine !== 'pdf';
  }, filler);
  const t0 = Date.now();
  await dropFiles(page, [{ name: `${name}.pdf`, type: 'application/pdf', bytes: readFileSync(join(PDFS, `${name}.pdf`)) }]);
  await page.waitForFunction(
    () => {
      const el = document.querySelector('nianbao-checker');
      return el.dataset.status === 'unreadable' || (el.dataset.engine === 'pdf' && el.checkedText && el.checkedText === el.value);
    },
    null,
    { timeout: 30000 },
  );
  const ms = Date.now() - t0;
  return { ms, result: await page.evaluate(() => document.querySelector('nianbao-checker').result) };
}

const cells = (r) => r.report.grids.map((g) => [g.table, g.rows.map((row) => row.cells.map((c) => c.value))]);
const said = (r) => r.findings.map((f) => `${f.code} ${f.message}`).sort();

test('PDFs dropped: tables cell for cell as the text, the text’s findings, each on its page, as the command line says', async () => {
  const page = await open(browser);
  const texts = cli(...SAME_AS_TEXT.map(textOf));
  const natives = cli(...SAME_AS_TEXT.map((n) => join(PDFS, `${n}.pdf`)));
  const times = [];
  for (const [i, name] of SAME_AS_TEXT.entries()) {
    const { ms, result: r } = await dropPdf(page, name);
    times.push(`${name} ${ms} ms`);
    assert.equal(r.status, 'checked', name);
    assert.deepEqual(cells(r), cells(texts[i]), `${name}: tables as the text's`);
    assert.deepEqual(said(r), said(texts[i]), `${name}: findings as the text's`);
    // the command line on the same PDF: the same findings on the same pages
    const pages = (x) => x.findings.map((f) => `${f.code} ${f.page} ${f.message}`).sort();
    assert.deepEqual(pages(r), pages(natives[i]), `${name}: as the command line`);
    for (const f of r.findings) assert.ok(f.page >= 1 && f.box, `${name}: ${f.code} has its page and box`);
    // the text area holds the text rebuilt from the pages, the report's title in it
    const value = await page.evaluate(() => document.querySelector('nianbao-checker').value);
    assert.ok(value.includes(r.report.title), name);
  }
  console.log(`drop to result: ${times.join(', ')}`);
  assert.deepEqual(foreign(page), []);
  assert.deepEqual(page.log.errors, []);
  await page.context().close();
});

test('a changed figure: B001 says 第 2 页; clicking it selects the cell and draws page 2 with the cell marked', async () => {
  const page = await open(browser);
  const { result: r } = await dropPdf(page, 'seed-001-b001');
  const b001 = r.findings.find((f) => f.code === 'B001');
  assert.ok(b001, 'B001');
  assert.equal(b001.page, 2);
  const row = shadow(page, `tr.finding[data-key="f-${r.findings.indexOf(b001) + 1}"]`);
  assert.match(await row.textContent(), /PDF 第 2 页/);
  await row.click();
  const sel = await selection(page);
  assert.equal(sel.text, '2', 'the 总计 cell selected in the rebuilt text');
  const view = shadow(page, '.pdf-view');
  await page.waitForFunction(() => {
    const v = document.querySelector('nianbao-checker').shadowRoot.querySelector('.pdf-view');
    return v && !v.hidden && v.dataset.page === '2' && v.querySelector('canvas') && v.querySelector('.pdf-mark');
  });
  assert.match(await view.textContent(), /PDF 第 2 页/);
  // the mark sits where the box says, on the drawn page; the canvas is painted there
  const geo = await page.evaluate(() => {
    const v = document.querySelector('nianbao-checker').shadowRoot.querySelector('.pdf-view');
    const c = v.querySelector('canvas').getBoundingClientRect();
    const m = v.querySelector('.pdf-mark').getBoundingClientRect();
    const ctx = v.querySelector('canvas').getContext('2d');
    const ratio = v.querySelector('canvas').width / c.width;
    const px = ctx.getImageData((m.left - c.left + m.width / 2) * ratio - 4, (m.top - c.top) * ratio, 8, m.height * ratio).data;
    let dark = 0;
    for (let i = 0; i < px.length; i += 4) if (px[i] < 128) dark++;
    return { canvas: [c.left, c.top, c.width, c.height], mark: [m.left - c.left, m.top - c.top, m.width, m.height], dark };
  });
  const [, , cw] = geo.canvas;
  const scale = cw / 612; // LibreOffice's letter-size page
  assert.ok(Math.abs(geo.mark[0] - (b001.box.x * scale - 3)) < 2 && Math.abs(geo.mark[1] - (b001.box.y * scale - 3)) < 2, JSON.stringify(geo));
  assert.ok(geo.dark > 0, `the figure under the mark is drawn: ${JSON.stringify(geo)}`);
  await shadow(page, '.pdf-mark').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SCREENSHOTS, 'pdf-b001.png') });
  assert.deepEqual(page.log.errors, []);
  await page.context().close();
});

test('a scanned PDF, an undecodable font, a password, a truncated and a corrupted file: each its message, in the page and the command line', async () => {
  const page = await open(browser);
  const cases = [
    ['scanned', /扫描件，没有文字层/],
    ['undecodable', /字体无法解码/],
    ['encrypted', /打开密码/],
    ['truncated', /已损坏或不完整/],
    ['corrupted', /已损坏或不完整/],
  ];
  let native;
  try {
    execFileSync('cargo', ['run', '-q', '--bin', 'nianbao', '--', 'check', '--format', 'json', ...cases.map(([n]) => join(PDFS, `${n}.pdf`))], { cwd: ROOT, stdio: ['ignore', 'pipe', 'ignore'] });
    assert.fail('the command line exits 2 for files it cannot read');
  } catch (e) {
    assert.equal(e.status, 2);
    native = JSON.parse(e.stdout.toString());
  }
  for (const [i, [name, message]] of cases.entries()) {
    await dropPdf(page, name);
    assert.equal(await page.evaluate(() => document.querySelector('nianbao-checker').dataset.status), 'unreadable', name);
    assert.match(await shadow(page, '.verdict-slot').textContent(), message, name);
    assert.match(native[i].message, message, `${name} (command line)`);
    assert.equal(native[i].status, 'binary');
  }
  await page.screenshot({ path: join(SCREENSHOTS, 'pdf-scanned.tmp.png') });
  assert.deepEqual(page.log.errors, []);
  await page.context().close();
});

test('pdf.js, its worker and the PDF checker are fetched only when a PDF arrives, once', async () => {
  const page = await open(browser);
  const pdfjs = () => page.log.requests.filter((u) => /pdfjs\/|nianbao_pdf/.test(u));
  assert.deepEqual(pdfjs(), [], 'nothing of the PDF path before a PDF');
  await dropPdf(page, 'seed-004');
  await dropPdf(page, 'reportlab-004');
  const got = pdfjs().map((u) => new URL(u).pathname.replace(/.*\/nianbao\//, ''));
  for (const f of ['pdfjs/pdf.min.mjs', 'pdfjs/pdf.worker.min.mjs', 'pkg/nianbao_pdf_bg.wasm', 'pdfjs/cmaps/UniGB-UCS2-H.bcmap']) {
    assert.equal(got.filter((u) => u === f).length, 1, `${f} once: ${got.join(' ')}`);
  }
  await page.context().close();
});

test('the single-file edition from file:// says that PDFs need the served site', async () => {
  const file = process.env.NIANBAO_SINGLE_FILE ?? join(ROOT, 'dist', 'nianbao.html');
  const page = await open(browser, pathToFileURL(file).href);
  await dropFiles(page, [{ name: 'seed-004.pdf', type: 'application/pdf', bytes: readFileSync(join(PDFS, 'seed-004.pdf')) }]);
  await page.waitForFunction(() => document.querySelector('nianbao-checker').dataset.status === 'unreadable');
  assert.match(await shadow(page, '.verdict-slot').textContent(), /单文件离线版不含 PDF 阅读器：请使用网站版/);
  assert.deepEqual(page.log.errors, []);
  await page.context().close();
});

test('a batch mixing PDFs, a Word file and a text: each PDF read (in the batch worker) and checked as its text is', async () => {
  const page = await open(browser);
  const files = [
    { name: 'a-seed-001.pdf', type: 'application/pdf', bytes: readFileSync(join(PDFS, 'seed-001-b001.pdf')) },
    { name: 'b-reportlab-004.pdf', type: 'application/pdf', bytes: readFileSync(join(PDFS, 'reportlab-004.pdf')) },
    { name: 'c-seed-001.docx', type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', bytes: readFileSync(join(FILES, 'docx', 'seed-001.docx')) },
    { name: 'd-scanned.pdf', type: 'application/pdf', bytes: readFileSync(join(PDFS, 'scanned.pdf')) },
  ];
  await dropFiles(page, files);
  await page.waitForFunction(() => document.querySelector('nianbao-checker').shadowRoot.querySelectorAll('.summary-table tr.report-row').length === 4, null, { timeout: 60000 });
  const rows = await page.evaluate(() =>
    [...document.querySelector('nianbao-checker').shadowRoot.querySelectorAll('.summary-table tr.report-row')].map((tr) => [...tr.cells].map((td) => td.textContent)),
  );
  const texts = cli(textOf('seed-001-b001'), textOf('reportlab-004'));
  assert.deepEqual(rows.map((r) => r[0]), files.map((f) => f.name));
  for (const [i, t] of texts.entries()) {
    // 文件, 机关, 年度, 错误, 警告, 提示: as the text's
    const s = t.summary;
    assert.deepEqual(rows[i].slice(1, 6), [t.report.agency, String(t.report.year), String(s.errors), String(s.warnings), String(s.infos)], files[i].name);
  }
  assert.match(rows[3][1], /扫描件，没有文字层/);
  // the PDF shown (the first): its findings say their page, as when it is opened alone
  await page.waitForFunction(() => document.querySelector('nianbao-checker').result?.report);
  const shown = await page.evaluate(() => document.querySelector('nianbao-checker').result);
  const b001 = shown.findings.find((f) => f.code === 'B001');
  assert.equal(b001?.page, 2, JSON.stringify(b001));
  assert.match(await shadow(page, 'tr.finding').filter({ hasText: /B001/ }).last().textContent(), /PDF 第 2 页/);
  assert.deepEqual(page.log.errors, []);
  await page.context().close();
});
