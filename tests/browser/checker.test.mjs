// The web checker in headless chromium: seeds pasted, a seed made wrong, a GBK file dropped,
// hostile text, honest messages, the embedding, and no request leaving the page's origin.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { useBrowser, shadow, open, paste, result, selection, drawnTables, foreign, seed, SEEDS, SITE, ORIGIN, FIXTURES, FILES, SCREENSHOTS } from './helpers.mjs';

const browser = useBrowser();

const verdict = (page) => page.evaluate(() => {
  const v = document.querySelector('nianbao-checker').shadowRoot.querySelector('.verdict');
  return { text: v.textContent, ...v.dataset };
});

/** Every page ends with: no request outside the origin, no script error, no dialog. */
function clean(page) {
  assert.deepEqual(foreign(page), [], 'requests left the page origin');
  assert.deepEqual(page.log.errors, [], 'errors in the page');
  assert.deepEqual(page.log.dialogs, [], 'dialogs opened');
}

// Figures read off each seed's text by hand (table A rows; table B row 一 and （七）总计).
const FIGURES = {
  '000_4d177dac3167f082': { A: { 2: ['3907'] } },
  '001_43e3c9ba6b70e239': { A: { 1: ['0', '7', '0'] }, B: { 0: ['2', '0', '0', '0', '0', '0', '2'], 23: ['1', '0', '0', '0', '0', '0', '1'] } },
  '002_a8d23b48448f5a19': { A: { 1: ['6', '0', '38'], 2: ['8678'], 3: ['1738'] }, B: { 0: ['11', '0', '0', '0', '0', '0', '11'] } },
  '003_ea91102f3cc3d767': { A: { 2: ['20'], 3: ['13'] } },
  '004_5cd136013ffaed5d': { C: { 0: ['0', '0', '0', '0', '0'] } },
};

for (const name of SEEDS) {
  test(`seed ${name} pasted: 通过, and the redrawn tables hold its figures`, async () => {
    const page = await open(browser);
    const text = seed(name);
    await paste(page, text);
    const r = await result(page, text);
    assert.equal(r.status, 'checked');
    assert.equal(r.summary.errors, 0, JSON.stringify(r.findings.filter((f) => f.severity === 'error')));
    const v = await verdict(page);
    assert.equal(v.errors, '0');
    assert.match(v.text, /^通过/);
    const drawn = await drawnTables(page);
    assert.deepEqual(Object.keys(drawn).sort(), ['A', 'B', 'C']);
    for (const g of r.report.grids) {
      assert.deepEqual(drawn[g.table], g.rows.map((row) => row.cells.map((c) => c.value ?? '？')), `table ${g.table} as drawn`);
    }
    for (const [table, rows] of Object.entries(FIGURES[name])) {
      for (const [row, cells] of Object.entries(rows)) assert.deepEqual(drawn[table][row], cells, `${table} row ${row}`);
    }
    // the standard header of table B: 自然人 | 法人或其他组织 (five columns) | 总计, ten columns in all
    const head = await page.evaluate(() => [...document.querySelector('nianbao-checker').shadowRoot.querySelectorAll('.grid-B thead tr')].map((tr) => [...tr.cells].map((c) => [c.textContent, c.colSpan])));
    assert.deepEqual(head.slice(1), [[['自然人', 1], ['法人或其他组织', 5], ['总计', 1]], [['商业企业', 1], ['科研机构', 1], ['社会公益组织', 1], ['法律服务机构', 1], ['其他', 1]]]);
    assert.equal(head[0].reduce((n, [, span]) => n + span, 0), 10);
    // table A: each 第二十条 item with its own column header
    const aHeads = await page.evaluate(() => [...document.querySelector('nianbao-checker').shadowRoot.querySelectorAll('.grid-A tr.colhead')].map((tr) => [...tr.cells].slice(1).map((c) => c.textContent)));
    assert.deepEqual(aHeads, [['本年制发件数', '本年废止件数', '现行有效件数'], ['本年处理决定数量'], ['本年处理决定数量'], ['本年收费金额（单位：万元）']]);
    const facts = await shadow(page, '.facts').textContent();
    assert.ok(facts.includes(r.report.agency), facts);
    assert.ok(facts.includes(`${r.report.year} 年`), facts);
    assert.ok(!page.log.requests.some((u) => u.includes('nianbao_files')), 'pasting does not fetch the file reader');
    if (name === '001_43e3c9ba6b70e239') await page.screenshot({ path: join(SCREENSHOTS, 'seed-001.tmp.png'), fullPage: true });
    clean(page);
    await page.context().close();
  });
}

test('a seed made wrong in one cell: the finding, its place in the text, its cells in the table', async () => {
  const page = await open(browser);
  const good = '(一) 予以公开\t0\t0\t0\t0\t0\t0\t0';
  const base = seed('001_43e3c9ba6b70e239');
  assert.equal(base.split(good).length, 2);
  const text = base.replace(good, '(一) 予以公开\t0\t0\t0\t0\t0\t0\t5');
  const at = text.indexOf('(一) 予以公开\t0\t0\t0\t0\t0\t0\t5') + '(一) 予以公开\t0\t0\t0\t0\t0\t0\t'.length;
  await paste(page, text);
  const r = await result(page, text);
  assert.ok(r.summary.errors >= 1);
  const v = await verdict(page);
  assert.match(v.text, new RegExp(`^${r.summary.errors} 个错误，${r.summary.warnings} 个警告，${r.summary.infos} 个提示`));

  const index = r.findings.findIndex((x) => x.code === 'B001');
  const f = { ...r.findings[index], index: index + 1 };
  assert.ok(f, 'B001 found');
  assert.equal(f.table, 'B');
  assert.equal(f.row, 2);
  assert.equal(f.column, 6);
  assert.match(f.row_label, /予以公开/);
  assert.equal(f.column_label, '总计');
  assert.equal(f.expected, '0');
  assert.equal(f.found, '5');

  // the row in the findings table shows the row and column by their Chinese labels
  const row = shadow(page, `tr.finding[data-index="${f.index}"]`);
  const cells = await row.locator('td').allTextContents();
  assert.equal(cells[0], String(f.index));
  assert.equal(cells[1], '错误');
  assert.match(cells[2], /^B001/);
  assert.ok(cells[3].includes(`行：${f.row_label}`) && cells[3].includes('列：总计') && cells[3].includes('第三部分'), cells[3]);
  assert.equal(cells[5], '0');
  assert.equal(cells[6], '5');

  // clicking it selects exactly the wrong figure in the text
  await row.click();
  const sel = await selection(page);
  assert.deepEqual([sel.start, sel.end, sel.text, sel.focused], [at, at + 1, '5', true]);
  // and the cells of the relation are highlighted in the redrawn table, the total first
  const total = shadow(page, '.grids td[data-table="B"][data-row="2"][data-col="6"]');
  assert.match(await total.getAttribute('class'), /\bhl-error\b.*\bsel-first\b/);
  for (let c = 0; c < 6; c++) {
    assert.match(await shadow(page, `.grids td[data-table="B"][data-row="2"][data-col="${c}"]`).getAttribute('class'), /\bsel\b/);
  }
  assert.doesNotMatch(await shadow(page, '.grids td[data-table="B"][data-row="0"][data-col="6"]').getAttribute('class'), /\bhl-|\bsel\b/);
  // the rule's explanation is shown with the selected finding
  const detail = await shadow(page, 'tr.finding-detail').textContent();
  assert.ok(detail.includes('B001') && detail.includes('为什么重要'), detail);
  await page.screenshot({ path: join(SCREENSHOTS, 'broken-001.tmp.png'), fullPage: true });

  // a finding lower in the text scrolls the text area to it
  const i2 = r.findings.findIndex((x) => x.code === 'B002' && x.column === 6);
  const b002 = { ...r.findings[i2], index: i2 + 1 };
  if (i2 >= 0) {
    await shadow(page, `tr.finding[data-index="${b002.index}"]`).click();
    const s2 = await selection(page);
    assert.equal(s2.start, b002.start_utf16);
    assert.equal(s2.text, text.slice(b002.start_utf16, b002.end_utf16));
  }
  // clicking a highlighted cell in the table selects its finding
  await total.click();
  assert.equal(await shadow(page, 'tr.finding.selected').count(), 1);

  // sorting and filtering
  await shadow(page, 'th.col-code button').click();
  await shadow(page, 'th.col-code button').click();
  const codes = await shadow(page, 'tr.finding td.col-code .code').allTextContents();
  assert.deepEqual(codes, [...codes].sort().reverse());
  assert.equal(await shadow(page, 'th.col-code').getAttribute('aria-sort'), 'descending');
  await shadow(page, 'select.filter-rule').selectOption('B001');
  assert.deepEqual([...new Set(await shadow(page, 'tr.finding td.col-code .code').allTextContents())], ['B001']);
  await shadow(page, 'select.filter-rule').selectOption('');
  await shadow(page, 'input[name="severity-error"]').uncheck();
  assert.equal(await shadow(page, 'tr.finding.sev-error').count(), 0);
  clean(page);
  await page.context().close();
});

test('typing over the wrong figure re-checks after a pause: the finding goes away', async () => {
  const page = await open(browser);
  const text = seed('001_43e3c9ba6b70e239').replace('(一) 予以公开\t0\t0\t0\t0\t0\t0\t0', '(一) 予以公开\t0\t0\t0\t0\t0\t0\t5');
  await paste(page, text);
  const r = await result(page, text);
  const index = r.findings.findIndex((x) => x.code === 'B001') + 1;
  await shadow(page, `tr.finding[data-index="${index}"]`).click();
  assert.equal((await selection(page)).text, '5');
  await page.keyboard.type('0');
  const fixed = seed('001_43e3c9ba6b70e239');
  const r2 = await result(page, fixed);
  assert.equal(r2.summary.errors, 0);
  assert.match((await verdict(page)).text, /^通过/);
  assert.equal(await shadow(page, 'tr.finding').count(), 0);
  clean(page);
  await page.context().close();
});

/** Drops a file with these bytes on the checker's drop zone. */
async function drop(page, bytes, name) {
  const dt = await page.evaluateHandle(({ data, name }) => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(data)], name, { type: 'text/plain' }));
    return dt;
  }, { data: [...bytes], name });
  const zone = shadow(page, '.dropzone');
  await zone.dispatchEvent('dragenter', { dataTransfer: dt });
  await zone.dispatchEvent('dragover', { dataTransfer: dt });
  await zone.dispatchEvent('drop', { dataTransfer: dt });
}

test('a GBK-encoded file dropped, and one picked, is read correctly', async () => {
  const page = await open(browser);
  const text = seed('004_5cd136013ffaed5d');
  const gbk = execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GBK', join(FIXTURES, '004_5cd136013ffaed5d.txt')]);
  assert.throws(() => new TextDecoder('utf-8', { fatal: true }).decode(gbk), 'the fixture is not UTF-8');
  await drop(page, gbk, '红寺堡区年报.txt');
  const r = await result(page, text);
  assert.equal(r.status, 'checked');
  assert.equal(r.report.agency, '红寺堡区审批服务管理局');
  assert.match((await verdict(page)).text, /^通过/);
  assert.match(await shadow(page, '.status').textContent(), /GB18030\/GBK/);

  const text2 = seed('002_a8d23b48448f5a19');
  const gbk2 = execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GBK', join(FIXTURES, '002_a8d23b48448f5a19.txt')]);
  await shadow(page, 'input[type="file"]').setInputFiles({ name: '利通区.txt', mimeType: 'text/plain', buffer: gbk2 });
  const r2 = await result(page, text2);
  assert.equal(r2.status, 'checked');
  assert.equal(r2.report.title, '利通区2022年政府信息公开工作年度报告');
  clean(page);
  await page.context().close();
});

test('a Word .docx and a saved web page .html are read and checked', async () => {
  const page = await open(browser);
  for (const [file, type] of [['docx/seed-001.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'], ['html/seed-001.html', 'text/html']]) {
    await shadow(page, 'button.clear').click();
    const before = await page.evaluate(() => document.querySelector('nianbao-checker').checkedText);
    assert.equal(before, '');
    await shadow(page, 'input[type="file"]').setInputFiles({ name: file.split('/')[1], mimeType: type, buffer: readFileSync(join(FILES, file)) });
    await page.waitForFunction((b) => {
      const el = document.querySelector('nianbao-checker');
      return el.checkedText !== b && el.checkedText === el.value;
    }, before);
    const r = await page.evaluate(() => document.querySelector('nianbao-checker').result);
    assert.equal(r.status, 'checked', file);
    assert.equal(r.report.agency, '中卫市审批服务管理局', file);
    assert.equal(r.summary.errors, 0, file);
    assert.deepEqual((await drawnTables(page)).B[0], ['2', '0', '0', '0', '0', '0', '2'], file);
    assert.match(await shadow(page, '.status').textContent(), new RegExp(`已读取“${file.split('/')[1].replace('.', '\\.')}”`));
  }
  // a zip bomb named .docx is refused with the core's message, and the text stays as it was
  const kept = await page.evaluate(() => document.querySelector('nianbao-checker').value);
  await drop(page, readFileSync(join(FILES, 'docx/hostile/bomb.docx')), 'bomb.docx');
  await page.waitForFunction(() => document.querySelector('nianbao-checker').dataset.status === 'unreadable');
  assert.match((await verdict(page)).text, /^无法读取.*解压后超过 50 MB/);
  assert.equal(await page.evaluate(() => document.querySelector('nianbao-checker').value), kept);
  clean(page);
  await page.context().close();
});

test('a file that is not text, an empty paste and a text that is not a report get honest messages', async () => {
  const page = await open(browser);
  await drop(page, Buffer.from('\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10', 'latin1'), 'picture.txt');
  await page.waitForFunction(() => document.querySelector('nianbao-checker').dataset.status === 'unreadable');
  assert.match((await verdict(page)).text, /^无法读取.*图片/);

  await paste(page, '   \n  ');
  await result(page, '   \n  ');
  const empty = await verdict(page);
  assert.equal(empty.status, 'empty');
  assert.match(empty.text, /没有内容/);

  const prose = '今天天气很好，我们去公园散步，看见许多人在放风筝。';
  await paste(page, prose);
  const r = await result(page, prose);
  assert.equal(r.status, 'not_a_report');
  const v = await verdict(page);
  assert.match(v.text, /不是年度报告/);
  assert.equal(await shadow(page, 'tr.finding').count(), 0);
  clean(page);
  await page.context().close();
});

test('hostile text is shown as text and runs nothing', async () => {
  const page = await open(browser);
  const evil = '<img src=x onerror="window.__pwned=1;alert(1)"><script>window.__pwned=2;alert(2)</script>';
  const base = seed('001_43e3c9ba6b70e239');
  // in the title (so in the facts), in a table cell (so in a finding and the redrawn table)
  const text = `${evil}\n${base.replace('(一) 予以公开\t0\t0\t0', `(一) 予以公开\t0\t0\t${evil}`).replace('中卫市审批服务管理局2023年', `中卫市审批服务管理局${evil}2023年`)}`;
  await paste(page, text);
  const r = await result(page, text);
  assert.equal(r.status, 'checked');
  await page.waitForTimeout(300);
  const state = await page.evaluate(() => {
    const root = document.querySelector('nianbao-checker').shadowRoot;
    return { pwned: window.__pwned, elements: root.querySelectorAll('img, script, iframe, object').length + document.querySelectorAll('img').length, text: root.textContent };
  });
  assert.equal(state.pwned, undefined);
  assert.equal(state.elements, 0);
  const shown = [r.report.title, r.report.agency, ...r.findings.flatMap((f) => [f.message, f.found])].filter((s) => s && s.includes('<'));
  for (const s of shown) assert.ok(state.text.includes(s), `shown as text: ${s}`);
  assert.ok(page.log.requests.every((u) => !u.endsWith('/x')), 'the <img src=x> was not loaded');
  clean(page);
  await page.context().close();
});

test('载入示例 loads the sample report and checks it', async () => {
  const page = await open(browser);
  await shadow(page, 'button.sample').click();
  await page.waitForFunction(() => document.querySelector('nianbao-checker').result?.status === 'checked');
  assert.equal(await page.evaluate(() => document.querySelector('nianbao-checker').value), seed('001_43e3c9ba6b70e239'));
  assert.match((await verdict(page)).text, /^通过/);
  clean(page);
  await page.context().close();
});

test('the sample attribute is observed; taken off the page the element lets go, put back it checks again', async () => {
  const page = await open(browser);
  const el = 'document.querySelector("nianbao-checker")';
  const sampleHidden = () => page.evaluate(`${el}.shadowRoot.querySelector('button.sample').hidden`);
  assert.equal(await sampleHidden(), false);
  await page.evaluate(`${el}.setAttribute('sample', 'none')`);
  assert.equal(await sampleHidden(), true, 'sample="none" hides 载入示例');
  await page.evaluate(`${el}.removeAttribute('sample')`);
  assert.equal(await sampleHidden(), false);
  const text = seed('001_43e3c9ba6b70e239');
  await paste(page, text);
  await result(page, text);
  // the facts name the core's sections and tables (nianbao.js format(), from the wasm)
  const chips = await page.evaluate(`[...${el}.shadowRoot.querySelectorAll('.facts .chip')].map((c) => c.textContent)`);
  assert.deepEqual(chips, ['✓ 一', '✓ 二', '✓ 三', '✓ 四', '✓ 五', '✓ 六', '✓ 二、主动公开政府信息情况', '✓ 三、收到和处理政府信息公开申请情况', '✓ 四、政府信息公开行政复议、行政诉讼情况']);
  const format = await page.evaluate(async () => (await import(new URL('nianbao.js', location.href).href)).format());
  assert.deepEqual(format.sections[4], { numeral: '五', heading: '存在的主要问题及改进情况' });
  assert.deepEqual(format.tables.map((t) => t.table + t.section), ['A二', 'B三', 'C四']);
  // the print view open (window.print stubbed), then the element taken off the page
  await page.evaluate(() => (window.print = () => {}));
  await shadow(page, 'button.print-sheet').click();
  assert.equal(await page.evaluate(() => 'nianbaoPrinting' in document.documentElement.dataset), true);
  const changed = text.replace('(一) 予以公开\t0\t0\t0\t0\t0\t0\t0', '(一) 予以公开\t1\t0\t0\t0\t0\t0\t0');
  assert.notEqual(changed, text);
  await page.evaluate((t) => {
    const el = document.querySelector('nianbao-checker');
    const parent = el.parentNode;
    el.remove();
    window.__parent = parent;
    el.shadowRoot.querySelector('textarea').value = t; // edited while off the page: not checked there
    el.shadowRoot.querySelector('textarea').dispatchEvent(new Event('input'));
    window.__el = el;
  }, changed);
  assert.equal(await page.evaluate(() => 'nianbaoPrinting' in document.documentElement.dataset), false, 'the print mark goes with the element');
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => window.__el.checkedText === window.__el.value), false, 'no check while off the page');
  await page.evaluate(() => window.__parent.append(window.__el));
  const r = await result(page, changed);
  assert.ok(r.summary.errors >= 1, 'put back, the edited text is checked');
  clean(page);
  await page.context().close();
});

test('a count too large for a JS number still gives a result', async () => {
  const page = await open(browser);
  const text = seed('001_43e3c9ba6b70e239').replace('(一) 予以公开\t0\t0\t0\t0\t0\t0\t0', '(一) 予以公开\t12345678901234567\t0\t0\t0\t0\t0\t0');
  await paste(page, text);
  const r = await result(page, text);
  assert.equal(r.status, 'checked');
  assert.ok(r.summary.errors >= 1);
  assert.equal((await drawnTables(page)).B[2][0], '12345678901234567');
  clean(page);
  await page.context().close();
});

test('embedded in a portal page: the custom element and check() from another path', async () => {
  const page = await open(browser, new URL('/portal/', ORIGIN).href, { viewport: { width: 900, height: 1000 } });
  const text = seed('003_ea91102f3cc3d767');
  await paste(page, text);
  const r = await result(page, text);
  assert.match((await verdict(page)).text, /^通过/);
  assert.ok(await shadow(page, 'textarea').isVisible(), 'the portal styles do not hide the checker');
  const direct = await page.evaluate(async (t) => (await import('/nianbao/nianbao.js')).check(t), text);
  assert.deepEqual(direct, r);
  await page.locator('#run').click();
  await page.waitForFunction(() => document.querySelector('#out').textContent !== '');
  assert.match(await page.locator('#out').textContent(), /^中卫市审批服务管理局：0 个错误/);
  await page.screenshot({ path: join(SCREENSHOTS, 'portal-embedded.tmp.png'), fullPage: true });
  clean(page);
  await page.context().close();
});

test('time from page load to the first result on a seed', async () => {
  // The text is given as soon as the element exists (as a paste right after the page shows).
  const text = seed('002_a8d23b48448f5a19');
  const page = await open(browser, SITE, { wait: false });
  await page.waitForFunction(() => customElements.get('nianbao-checker') && document.querySelector('nianbao-checker')?.shadowRoot, null, { polling: 5 });
  await page.evaluate((t) => (document.querySelector('nianbao-checker').value = t), text);
  await result(page, text);
  const marks = await page.evaluate(() => Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, m.startTime])));
  const nav = await page.evaluate(() => performance.getEntriesByType('navigation')[0].toJSON());
  const first = marks['nianbao:first-result'];
  assert.ok(first > 0);
  console.log(`load-to-first-result: ${first.toFixed(0)} ms after navigation start (DOMContentLoaded ${nav.domContentLoadedEventEnd.toFixed(0)} ms, wasm ready ${marks['nianbao:wasm-ready']?.toFixed(0)} ms), seed 002 (${text.length} characters)`);
  // and one check, once loaded
  const ms = await page.evaluate(async (t) => {
    const { check } = await import(new URL('nianbao.js', location.href).href);
    const t0 = performance.now();
    for (let i = 0; i < 20; i++) await check(t);
    return (performance.now() - t0) / 20;
  }, text);
  console.log(`check(seed 002) in the browser: ${ms.toFixed(2)} ms a call (mean of 20)`);
  clean(page);
  await page.context().close();
});
