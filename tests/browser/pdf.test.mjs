// PDFs in the page (issue 10): the fixtures of tests/fixtures/pdf (LibreOffice, Chromium's print
// to PDF, ReportLab with a non-embedded Chinese font; see scripts/make_pdf_fixtures.py) dropped
// on the page are read by pdf.js, rebuilt by the core from the page geometry and checked: every
// table cell as the report's text gives it, the text's findings, each with its page; the
// command line (native reader) gives the same findings on the same files; clicking a finding
// draws its page with the cell's box marked; broken PDFs get their message. The page loads pdf.js
// and the rest of the PDF path when it is idle after loading: each PDF's time from drop to result
// on a fresh page (cold) and dropped again (warm) is printed as a table.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { useBrowser, shadow, open, selection, foreign, dropFiles, pdfReady, result, ROOT, FILES, SCREENSHOTS } from './helpers.mjs';

const browser = useBrowser();
const PDFS = join(FILES, 'pdf');
// Each PDF and the text it was made from (tests/pdf.rs reads the same file).
const SOURCES = JSON.parse(readFileSync(join(PDFS, 'sources.json'), 'utf8'));
const SAME_AS_TEXT = Object.keys(SOURCES);
const textOf = (name) => join(FILES, SOURCES[name]);
// The real PDFs (published by the agencies, made with WPS) and the text each was transcribed to,
// in the same form (tests/fixtures/pdf/real/sources.json; tests/pdf.rs does not read these).
const REAL = JSON.parse(readFileSync(join(PDFS, 'real', 'sources.json'), 'utf8'));
// Tables read by their drawn grid (issue 20; tests/fixtures/pdf/grid, tallied cell by cell for
// both readers in tests/pdf.rs): labels wrapped over many lines, aligned to the cells' foot; the
// official merged layout; a table broken across pages with its header repeated.
const GRID = JSON.parse(readFileSync(join(PDFS, 'grid', 'sources.json'), 'utf8'));
const GRID_DROPPED = ['dev-102-libreoffice-bottom', 'seed-001-merged-chromium-bottom', 'seed-002-break-thead-chromium'];

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
  for (const [i, name] of SAME_AS_TEXT.entries()) {
    const { result: r } = await dropPdf(page, name);
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

/**
 * Drops the PDF at `path` on the page as `name`; resolves to { ms, status }: the milliseconds from
 * the drop to the result drawn (the element's nianbao-result event), measured in the page, and the
 * element's data-status then. The file is handed to the page before the clock starts.
 */
async function timedDrop(page, name, path) {
  const dt = await page.evaluateHandle(
    ([name, b64]) => {
      const dt = new DataTransfer();
      dt.items.add(new File([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], name, { type: 'application/pdf' }));
      return dt;
    },
    [name, readFileSync(path).toString('base64')],
  );
  return page.evaluate(
    (dt) =>
      new Promise((resolve, reject) => {
        const el = document.querySelector('nianbao-checker');
        const zone = el.shadowRoot.querySelector('.dropzone');
        let t0 = 0;
        const done = () => {
          observer.disconnect();
          clearTimeout(timer);
          resolve({ ms: performance.now() - t0, status: el.dataset.status });
        };
        el.addEventListener('nianbao-result', done, { once: true });
        const observer = new MutationObserver(() => el.dataset.status === 'unreadable' && done()); // refused: no result
        observer.observe(el, { attributes: true, attributeFilter: ['data-status'] });
        const timer = setTimeout(() => reject(new Error('no result 30 s after the drop')), 30000);
        t0 = performance.now();
        for (const type of ['dragenter', 'dragover', 'drop']) zone.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, composed: true, cancelable: true }));
      }),
    dt,
  );
}

test('drop to result, each PDF on a freshly opened page once idle (cold) and dropped again (warm): printed; read as its text', async () => {
  const pdfs = [
    ...SAME_AS_TEXT.map((name) => ({ name, path: join(PDFS, `${name}.pdf`), text: textOf(name) })),
    ...Object.entries(REAL).map(([name, text]) => ({ name: `real/${name}`, path: join(PDFS, 'real', `${name}.pdf`), text: join(FILES, text) })),
    ...GRID_DROPPED.map((name) => ({ name: `grid/${name}`, path: join(PDFS, 'grid', `${name}.pdf`), text: join(FILES, GRID[name]) })),
  ];
  const rows = [];
  for (const { name, path, text } of pdfs) {
    const page = await open(browser);
    await pdfReady(page); // what the page loads for PDFs when idle after loading
    const cold = await timedDrop(page, `${name}.pdf`, path);
    const first = await page.evaluate(() => document.querySelector('nianbao-checker').result);
    const warm = await timedDrop(page, `${name}.pdf`, path);
    const again = await page.evaluate(() => document.querySelector('nianbao-checker').result);
    rows.push([name, cold.ms, warm.ms]);
    assert.equal(cold.status, 'checked', name);
    assert.equal(warm.status, 'checked', name);
    assert.deepEqual(said(again), said(first), `${name}: dropped again, the same findings`);
    // the text the PDF was made from (or transcribed to), checked in the same page: the same tables and findings
    const source = readFileSync(text, 'utf8');
    await page.evaluate((t) => (document.querySelector('nianbao-checker').value = t), source);
    const fromText = await result(page, source);
    assert.deepEqual(cells(first), cells(fromText), `${name}: tables as the text's`);
    assert.deepEqual(said(first), said(fromText), `${name}: findings as the text's`);
    assert.deepEqual(foreign(page), [], name);
    assert.deepEqual(page.log.errors, [], name);
    await page.context().close();
  }
  const width = Math.max(...rows.map(([n]) => n.length), 3);
  const ms = (v) => String(Math.round(v)).padStart(6);
  console.log(
    [
      'PDF drop to result (ms): cold = the first PDF on a freshly opened page once it is idle, warm = the same PDF dropped again',
      `${'PDF'.padEnd(width)}  ${'cold'.padStart(6)}  ${'warm'.padStart(6)}`,
      ...rows.map(([n, c, w]) => `${n.padEnd(width)}  ${ms(c)}  ${ms(w)}`),
    ].join('\n'),
  );
});

test('pdf.js, its worker, the cMaps and the PDF checker: loaded once when the page is idle after its load and first paint, from the site', async () => {
  const page = await open(browser);
  await pdfReady(page);
  const timing = await page.evaluate(() => {
    const loaded = performance.getEntriesByType('navigation')[0].loadEventEnd;
    const paint = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? 0;
    const ready = performance.getEntriesByName('nianbao:wasm-ready')[0].startTime;
    const pdf = performance.getEntriesByType('resource').filter((e) => /pdfjs\/|nianbao_pdf|\/pdf(-items)?\.js$/.test(e.name));
    return { loaded, paint, ready, pdf: pdf.map((e) => ({ name: e.name, start: e.startTime })) };
  });
  assert.ok(timing.pdf.length >= 5, JSON.stringify(timing.pdf));
  for (const e of timing.pdf) {
    // not part of the first load: after the load event, the first paint and the checker's core
    assert.ok(e.start >= timing.loaded && e.start >= timing.paint && e.start >= timing.ready, `${e.name} at ${e.start} ms: load ${timing.loaded}, paint ${timing.paint}, core ${timing.ready}`);
  }
  // two PDFs, the second with a non-embedded Chinese font (the cMaps): nothing fetched again
  await dropPdf(page, 'seed-004');
  await dropPdf(page, 'reportlab-004');
  const got = page.log.requests.filter((u) => /pdfjs\/|nianbao_pdf/.test(u)).map((u) => new URL(u).pathname.replace(/.*\/nianbao\//, ''));
  for (const f of ['pdfjs/pdf.min.mjs', 'pdfjs/pdf.worker.min.mjs', 'pkg/nianbao_pdf.js', 'pkg/nianbao_pdf_bg.wasm', 'pdfjs/cmaps/UniGB-UCS2-H.bcmap', 'pdfjs/cmaps/Adobe-GB1-UCS2.bcmap']) {
    assert.equal(got.filter((u) => u === f).length, 1, `${f} once: ${got.join(' ')}`);
  }
  assert.deepEqual(foreign(page), []);
  assert.deepEqual(page.log.errors, []);
  await page.context().close();
});

test('with no idle time, files dragged over the page or 选择文件 focused load the readers', async () => {
  const never = () => {
    window.requestIdleCallback = () => 0; // a page never idle: only a sign of a file loads the readers
  };
  const pdfPath = (page) => page.log.requests.filter((u) => /pdfjs\/|nianbao_pdf/.test(u));
  const loaded = (page) => page.waitForFunction(() => performance.getEntriesByName('nianbao:pdf-ready').length > 0); // (pdfReady would wait for idle time too)
  // files dragged over the drop zone (not dropped)
  let page = await open(browser, undefined, { init: never });
  await page.evaluate(() => new Promise((r) => setTimeout(r, 500)));
  assert.deepEqual(pdfPath(page), [], 'nothing of the PDF path before a sign of a file');
  await page.evaluate(() => {
    const dt = new DataTransfer();
    dt.items.add(new File(['%PDF-1.4'], 'a.pdf', { type: 'application/pdf' }));
    document.querySelector('nianbao-checker').shadowRoot.querySelector('.dropzone').dispatchEvent(new DragEvent('dragenter', { dataTransfer: dt, bubbles: true, composed: true, cancelable: true }));
  });
  await loaded(page);
  assert.ok(pdfPath(page).some((u) => u.endsWith('pdf.worker.min.mjs')), pdfPath(page).join(' '));
  // and the reader of the other files (kept for a file: pasting does not load it)
  await page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => e.name.endsWith('/nianbao_files_bg.wasm')));
  await page.context().close();
  // 选择文件 reached with the keyboard
  page = await open(browser, undefined, { init: never });
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.querySelector('nianbao-checker').shadowRoot.activeElement?.type), 'file');
  await loaded(page);
  assert.ok(pdfPath(page).some((u) => u.endsWith('nianbao_pdf_bg.wasm')), pdfPath(page).join(' '));
  assert.deepEqual(page.log.errors, []);
  await page.context().close();
});

test('the single-file edition from file:// says that PDFs need the served site', async () => {
  const file = process.env.NIANBAO_SINGLE_FILE ?? join(ROOT, 'dist', 'nianbao.html');
  const page = await open(browser, pathToFileURL(file).href);
  await pdfReady(page); // idle: this edition has no pdf.js, and fetches nothing for it
  assert.deepEqual(page.log.requests, [pathToFileURL(file).href], 'no request but the page itself');
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
