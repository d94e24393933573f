// Issue 13, a large paste: 3 MB pasted with Ctrl+V is not laid out in the text area whole (that
// froze the page for a second or two): the text area shows a read-only window of it and says so,
// the whole text is checked (in the worker), and a finding further down moves the window there
// with its place selected. The longest gap between frames from the paste to the result is printed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, shadow, open, seed, ORIGIN } from './helpers.mjs';

const browser = useBrowser();

/** A seed repeated to at least `bytes` of UTF-8. */
function big(bytes) {
  const s = seed('001_43e3c9ba6b70e239');
  return Array(Math.ceil(bytes / Buffer.byteLength(s))).fill(s).join('\n');
}

test('a 3 MB paste: the page keeps drawing, a window of the text is shown, the whole text is checked', async () => {
  const page = await open(browser);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: ORIGIN });
  const text = big(3 * 1024 * 1024);
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await shadow(page, 'textarea').focus();
  await page.evaluate(() => {
    const hb = (window.__hb = { max: 0, last: performance.now(), on: true });
    const tick = (now) => {
      hb.max = Math.max(hb.max, now - hb.last);
      hb.last = now;
      if (hb.on) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  await page.waitForTimeout(100);
  const t0 = Date.now();
  await page.keyboard.press('Control+V');
  await page.waitForFunction((n) => document.querySelector('nianbao-checker').checkedText?.length === n, text.length, { timeout: 60000 });
  const ms = Date.now() - t0;
  await page.waitForTimeout(150);
  const gap = await page.evaluate(() => ((window.__hb.on = false), window.__hb.max));
  const state = await page.evaluate(() => {
    const el = document.querySelector('nianbao-checker');
    const ta = el.shadowRoot.querySelector('textarea');
    return { value: el.value.length, shown: ta.value.length, readOnly: ta.readOnly, note: el.shadowRoot.querySelector('.big-note')?.textContent ?? '', status: el.result.status, engine: el.dataset.engine };
  });
  console.log(`3 MB paste (Ctrl+V): ${ms} ms to the result; longest main-thread gap ${gap.toFixed(0)} ms; the text area shows ${state.shown} of ${state.value} characters (${state.engine})`);
  assert.equal(state.value, text.length, 'the whole text is the value');
  assert.equal(state.status, 'checked');
  assert.ok(state.shown < 100000 && state.readOnly, 'a read-only window is shown');
  assert.match(state.note, /这份文字较大（3\.0 MB/);
  // (the browser reads 3 MB from the clipboard itself in that time: some 50–200 ms on a loaded machine)
  assert.ok(gap < 400, `longest gap between frames ${gap.toFixed(0)} ms (< 400; 1.7 s when the text area laid it all out)`);

  // a finding far down the text: the window moves there, its place selected
  const r = await page.evaluate(() => document.querySelector('nianbao-checker').result);
  const far = r.findings.map((f, i) => ({ ...f, index: i + 1 })).filter((f) => f.start_utf16 > state.shown + 1000 && f.end_utf16 > f.start_utf16).at(-1);
  assert.ok(far, `a finding past the first window: ${r.findings.length} findings`);
  await shadow(page, `tr.finding[data-index="${far.index}"]`).click();
  const sel = await page.evaluate(() => {
    const ta = document.querySelector('nianbao-checker').shadowRoot.querySelector('textarea');
    return { text: ta.value.slice(ta.selectionStart, ta.selectionEnd), focused: ta.matches(':focus') };
  });
  assert.deepEqual(sel, { text: text.slice(far.start_utf16, far.end_utf16), focused: true });
  assert.match(await shadow(page, '.big-note').textContent(), /第 [\d,]+–[\d,]+ 行/);

  // 清空: back to an ordinary, editable text area
  await shadow(page, 'button.clear').click();
  assert.equal(await shadow(page, 'textarea').evaluate((ta) => ta.readOnly), false);
  assert.ok(await shadow(page, '.big-note').isHidden());
  assert.deepEqual(page.log.errors, []);
  await page.context().close();
});
