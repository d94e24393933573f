// Issue 13, keyboard only: every action of the checker — paste, choose files, load the sample,
// filter, sort, open a finding, jump to its place in the text and in the redrawn table (and back
// with Esc), export, print — reached with Tab and done with Enter/Space, in a sensible order, each
// focused control visibly marked; and what a screen reader is told (the verdict, the number of
// findings, a finding's place).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { useBrowser, shadow, open, result, seed, broken, ORIGIN, FIXTURES } from './helpers.mjs';

const browser = useBrowser();

/** The element that has the keyboard focus (inside the checker's shadow root too), described. */
const focused = (page) =>
  page.evaluate(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    if (!el || el === document.body) return null;
    const box = el.getBoundingClientRect();
    // the focus ring: on the element itself, or (the file input, which is invisible) on its label
    const ring = (e) => {
      const cs = getComputedStyle(e);
      return cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2;
    };
    const label = el.closest('label');
    return {
      key: el.dataset.key ?? (el.classList.contains('file-input') ? 'file' : el.classList.contains('scroll') ? 'scroll' : [...el.classList].find((c) => c !== 'btn') ?? el.tagName.toLowerCase()),
      tag: el.tagName.toLowerCase(),
      text: (el.getAttribute('aria-label') ?? el.textContent).trim().slice(0, 30),
      ring: ring(el) || (!!label && el.matches(':focus-visible') && ring(label)),
      inView: box.bottom > 0 && box.top < innerHeight && box.right > 0 && box.left < innerWidth && (box.width > 0 || !!label),
    };
  });

/** Presses Tab (or Shift+Tab) until the focus is on `key`, at most `max` times; returns the keys passed. */
async function tabTo(page, key, { back = false, max = 80 } = {}) {
  const seen = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const f = await focused(page);
    seen.push(f);
    assert.ok(f, `focus lost after ${seen.length} presses`);
    assert.ok(f.ring, `no visible focus ring on ${JSON.stringify(f)}`);
    assert.ok(f.inView, `focused but out of view: ${JSON.stringify(f)}`);
    if (f.key === key) return seen.map((x) => x.key);
  }
  throw new Error(`${key} not reached; passed ${seen.map((x) => x.key).join(' ')}`);
}

const said = (page) => page.evaluate(() => document.querySelector('nianbao-checker').shadowRoot.querySelector('.sr-only[aria-live]').textContent);

/**
 * The file choosers `page` opens from now on: call it as the page opens, long before the key press
 * that opens one; `next()` resolves to the next chooser (rejects after 10 s).
 *
 * Why not `Promise.all([page.waitForEvent('filechooser'), page.keyboard.press('Space')])`:
 * Playwright intercepts file choosers only while a 'filechooser' listener exists, and the first
 * listener turns interception on (CDP Page.setInterceptFileChooserDialog) without waiting for it
 * to take effect. The key press goes to Chromium as an input event, which can be handled before
 * that DevTools command: the page then opens a chooser nobody intercepts, headless Chromium
 * cancels it at once (a `cancel` event on the input, 2 ms after its click), and the wait times
 * out — about 1 run in 25. The page did its part (Space on the focused input, its click with user
 * activation); the test subscribed too late. Subscribed as the page opens, interception is on
 * dozens of round trips before the Space (0 misses in 100 runs of the same steps).
 */
function choosers(page) {
  const got = [];
  const waiting = [];
  page.on('filechooser', (c) => (waiting.length ? waiting.shift()(c) : got.push(c)));
  return {
    next() {
      if (got.length) return Promise.resolve(got.shift());
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no file chooser opened within 10 s')), 10000);
        waiting.push((c) => {
          clearTimeout(timer);
          resolve(c);
        });
      });
    },
  };
}

test('keyboard only: sample, files, paste, filter, sort, a finding, its place in the text and table, export, print', async () => {
  const page = await open(browser, undefined, { viewport: { width: 1280, height: 900 } });
  const chooser = choosers(page);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: ORIGIN });
  await page.evaluate(() => {
    window.__printed = 0;
    window.print = () => window.__printed++;
  });

  // the first stops: 载入示例, 选择文件, 清空, the text area
  const start = await tabTo(page, 'text');
  assert.deepEqual(start, ['sample', 'file', 'clear', 'text']);

  // 载入示例 with Enter
  await tabTo(page, 'sample', { back: true });
  await page.keyboard.press('Enter');
  await result(page, seed('001_43e3c9ba6b70e239'));
  await page.waitForFunction(() => /核查完成，通过/.test(document.querySelector('nianbao-checker').shadowRoot.querySelector('.sr-only[aria-live]').textContent));
  assert.match(await said(page), /通过：0 个错误，0 个警告，0 个提示，共 0 条问题/);

  // 选择文件 with Space: the file chooser opens
  await page.keyboard.press('Tab');
  assert.equal((await focused(page)).key, 'file');
  const opened = chooser.next();
  await page.keyboard.press('Space');
  await (await opened).setFiles({ name: '002.txt', mimeType: 'text/plain', buffer: readFileSync(join(FIXTURES, '002_a8d23b48448f5a19.txt')) });
  await result(page, seed('002_a8d23b48448f5a19'));

  // paste with Ctrl+V into the text area (after Ctrl+A: replaces the text)
  const text = broken();
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await tabTo(page, 'text');
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Control+V');
  const r = await result(page, text);
  assert.ok(r.summary.errors >= 1);
  await page.waitForFunction(() => /未通过/.test(document.querySelector('nianbao-checker').shadowRoot.querySelector('.sr-only[aria-live]').textContent));
  assert.match(await said(page), new RegExp(`未通过：${r.summary.errors} 个错误，${r.summary.warnings} 个警告，${r.summary.infos} 个提示，共 ${r.findings.length} 条问题`));

  // after the text: the exports and print, the filters, the sort buttons, then the findings
  const order = await tabTo(page, 'f-1');
  const expected = ['export-csv', 'export-json', 'print-sheet', 'sev-error', 'rule', 'sort-index', 'sort-severity', 'sort-code', 'sort-place', 'sort-message', 'sort-expected', 'sort-found', 'f-1'];
  assert.deepEqual(order.filter((k) => expected.includes(k)), expected, order.join(' '));

  // filter: the rule list with the arrow keys; the focus stays on it as the table is drawn again
  await tabTo(page, 'rule', { back: true });
  await page.keyboard.press('ArrowDown');
  await page.waitForFunction(() => document.querySelector('nianbao-checker').shadowRoot.querySelector('.filters-count').textContent.startsWith('显示'));
  assert.equal((await focused(page)).key, 'rule');
  const codes = await shadow(page, 'tr.finding td.col-code .code').allTextContents();
  assert.equal(new Set(codes).size, 1);
  await page.keyboard.press('ArrowUp');
  await page.waitForFunction(() => document.querySelector('nianbao-checker').shadowRoot.querySelector('.filters-count').textContent.startsWith('共'));

  // sort by 规则 with Enter, twice: descending; the focus stays on the button
  await tabTo(page, 'sort-code');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  assert.equal(await shadow(page, 'th.col-code').getAttribute('aria-sort'), 'descending');
  assert.equal((await focused(page)).key, 'sort-code');
  const sorted = await shadow(page, 'tr.finding td.col-code .code').allTextContents();
  assert.deepEqual(sorted, [...sorted].sort().reverse());

  // open the B001 finding with Enter: its detail opens below it, the focus stays, its place is said
  const b001 = r.findings.findIndex((f) => f.code === 'B001') + 1;
  const f = r.findings[b001 - 1];
  await tabTo(page, `f-${b001}`);
  await page.keyboard.press('Enter');
  await shadow(page, 'tr.finding-detail').waitFor();
  assert.equal((await focused(page)).key, `f-${b001}`);
  await page.waitForFunction(() => /位置：/.test(document.querySelector('nianbao-checker').shadowRoot.querySelector('.sr-only[aria-live]').textContent));
  const told = await said(page);
  assert.ok(told.includes(`第 ${b001} 条，错误，B001`) && told.includes(`行：${f.row_label}`) && told.includes('列：总计') && told.includes(`原文第 ${f.line} 行`), told);

  // 在原文中定位: the text area gets the focus with the wrong figure selected; Esc comes back
  await page.keyboard.press('Tab');
  assert.equal((await focused(page)).key, 'goto-text');
  await page.keyboard.press('Enter');
  const sel = await page.evaluate(() => {
    const ta = document.querySelector('nianbao-checker').shadowRoot.querySelector('textarea');
    return { focused: ta.matches(':focus'), start: ta.selectionStart, text: ta.value.slice(ta.selectionStart, ta.selectionEnd) };
  });
  assert.deepEqual(sel, { focused: true, start: f.start_utf16, text: '5' });
  await page.keyboard.press('Escape');
  assert.equal((await focused(page)).key, `f-${b001}`);

  // 在表格中定位: the focus on the checked cell of the redrawn table (B, row 2, 总计); Esc comes back
  await tabTo(page, 'goto-table');
  await page.keyboard.press('Enter');
  const cell = await focused(page);
  assert.equal(cell.key, `c-B-${f.row}-${f.column}`);
  assert.match(await shadow(page, `td[data-key="${cell.key}"]`).getAttribute('class'), /sel-first/);
  await page.keyboard.press('Escape');
  assert.equal((await focused(page)).key, `f-${b001}`);

  // export with Enter
  await tabTo(page, 'export-csv', { back: true, max: 120 });
  const [dl] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  assert.match(dl.suggestedFilename(), /^年报核查-中卫市审批服务管理局-2023\.csv$/);

  // print with Enter: the print view has the focus on 打印, then 返回 gives it back
  await tabTo(page, 'print-sheet');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => window.__printed), 1);
  assert.equal((await focused(page)).key, 'print-again');
  await page.keyboard.press('Tab');
  assert.equal((await focused(page)).key, 'print-close');
  await page.keyboard.press('Enter');
  assert.equal((await focused(page)).key, 'print-sheet');
  assert.deepEqual(page.log.errors, []);
  await page.context().close();
});

test('keyboard only, several files: chosen with Space, 查看详情 with Enter keeps the focus, 打印全部审核意见单', async () => {
  const page = await open(browser, undefined, { viewport: { width: 1280, height: 900 } });
  const choices = choosers(page);
  await page.evaluate(() => (window.print = () => {}));
  await tabTo(page, 'file');
  const names = ['000_4d177dac3167f082', '002_a8d23b48448f5a19', '004_5cd136013ffaed5d'];
  const opened = choices.next();
  await page.keyboard.press('Space');
  const chooser = await opened;
  assert.ok(chooser.isMultiple());
  await chooser.setFiles(names.map((n) => ({ name: `${n}.txt`, mimeType: 'text/plain', buffer: readFileSync(join(FIXTURES, `${n}.txt`)) })));
  await page.waitForFunction(() => document.querySelector('nianbao-checker').shadowRoot.querySelectorAll('.summary-table tr.report-row').length === 3);
  await page.waitForFunction(() => /000_4d177dac3167f082\.txt：核查完成/.test(document.querySelector('nianbao-checker').shadowRoot.querySelector('.sr-only[aria-live]').textContent));
  const order = await tabTo(page, 'open-1');
  assert.deepEqual(order.filter((k) => k.startsWith('open-')), ['open-0', 'open-1'], 'the summary comes first after the text');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('nianbao-checker').result?.file === '002_a8d23b48448f5a19.txt');
  assert.equal((await focused(page)).key, 'open-1', 'the focus stays on the button as the summary is drawn again');
  assert.equal(await shadow(page, 'button[data-key="open-1"]').getAttribute('aria-pressed'), 'true');
  assert.match(await said(page), /^002_a8d23b48448f5a19\.txt：核查完成/);
  await tabTo(page, 'print-all');
  await page.keyboard.press('Enter');
  assert.equal(await shadow(page, '.sheet').count(), 3);
  assert.equal((await focused(page)).key, 'print-again');
  assert.deepEqual(page.log.errors, []);
  await page.context().close();
});
