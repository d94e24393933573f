// Issue 13, big batches: 50 reports (the real reports of tests/fixtures, copied from
// ../shared/reports, repeated) dropped at once are read and checked in the worker, with progress
// (已核查 12/50 份) and a way to cancel; the page keeps drawing frames meanwhile (the longest gap
// between frames is printed), and the exports are built off the main thread.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { useBrowser, shadow, open, FILES, ROOT } from './helpers.mjs';

const browser = useBrowser();
const SINGLE = pathToFileURL(process.env.NIANBAO_SINGLE_FILE ?? join(ROOT, 'dist', 'nianbao.html')).href;

/** The real reports of tests/fixtures/reports, repeated to `n` files (distinct names); each
 * report's text `repeat` times over (a long check). */
function fifty(n = 50, repeat = 1) {
  const dirs = ['seeds', 'real'].map((d) => join(FILES, 'reports', d));
  const all = dirs.flatMap((d) => readdirSync(d).filter((f) => f.endsWith('.txt')).sort().map((f) => ({ f, bytes: readFileSync(join(d, f)) })));
  return Array.from({ length: n }, (_, i) => {
    const { f, bytes } = all[i % all.length];
    return { name: `${String(i + 1).padStart(2, '0')}-${f}`, type: 'text/plain', bytes: Buffer.concat(Array(repeat).fill(bytes)) };
  });
}

/** A requestAnimationFrame heartbeat: the longest gap between two frames since it started. */
const heartbeat = (page) =>
  page.evaluate(() => {
    const hb = (window.__hb = { max: 0, last: performance.now(), frames: 0, on: true });
    const tick = (now) => {
      hb.max = Math.max(hb.max, now - hb.last);
      hb.last = now;
      hb.frames++;
      if (hb.on) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
const stop = (page) => page.evaluate(() => ((window.__hb.on = false), { max: window.__hb.max, frames: window.__hb.frames }));

/** Records every text the status line shows (to see the progress). */
const watchStatus = (page) =>
  page.evaluate(() => {
    const status = document.querySelector('nianbao-checker').shadowRoot.querySelector('.status');
    window.__said = [];
    new MutationObserver(() => window.__said.push(status.textContent)).observe(status, { childList: true, characterData: true, subtree: true });
  });

/** The files as a DataTransfer in the page (made before the clock starts: it is the test's own work). */
const transfer = (page, files) =>
  page.evaluateHandle((list) => {
    const dt = new DataTransfer();
    for (const f of list) dt.items.add(new File([Uint8Array.from(atob(f.data), (c) => c.charCodeAt(0))], f.name, { type: f.type }));
    return dt;
  }, files.map((f) => ({ name: f.name, type: f.type, data: f.bytes.toString('base64') })));

/** Drops the files of `dt` on the drop zone, as a user does. */
async function drop(page, dt) {
  const zone = shadow(page, '.dropzone');
  for (const type of ['dragenter', 'dragover', 'drop']) await zone.dispatchEvent(type, { dataTransfer: dt });
}

const rows = (page, n) => page.waitForFunction((k) => document.querySelector('nianbao-checker').shadowRoot.querySelectorAll('.summary-table tr.report-row').length === k && !document.querySelector('nianbao-checker').hasAttribute('data-busy'), n, { timeout: 120000 });

test('50 reports dropped at once: progress, the page keeps drawing, every report in the summary', async () => {
  const page = await open(browser);
  const dt = await transfer(page, fifty());
  await heartbeat(page);
  await watchStatus(page);
  await page.waitForTimeout(100);
  const t0 = Date.now();
  await drop(page, dt);
  await rows(page, 50);
  await page.waitForFunction(() => document.querySelector('nianbao-checker').result?.file);
  const ms = Date.now() - t0;
  await page.waitForTimeout(150); // the frames that draw the result count too
  const hb = await stop(page);
  const said = await page.evaluate(() => window.__said);
  const engine = await page.evaluate(() => document.querySelector('nianbao-checker').dataset.engine);
  console.log(`50-report batch (${engine}): ${ms} ms to the summary; longest main-thread gap ${hb.max.toFixed(0)} ms over ${hb.frames} frames; progress shown: ${[...new Set(said.filter((s) => /\/50/.test(s)))].slice(0, 6).join(' | ')} …`);
  const total = await shadow(page, '.summary-total').textContent();
  assert.match(total, /^共 50 个文件/);
  assert.ok(said.some((s) => /已核查 \d+\/50 份/.test(s)), `progress shown: ${said.slice(0, 10).join(' | ')}`);
  assert.equal(engine, 'worker');
  assert.ok(hb.max < 200, `longest gap between frames ${hb.max.toFixed(0)} ms (< 200)`);

  // the exports are built in the worker: the page keeps drawing while the CSV is made
  await heartbeat(page);
  const [dl] = await Promise.all([page.waitForEvent('download'), shadow(page, 'button.export-csv').click()]);
  const csv = readFileSync(await dl.path(), 'utf8');
  const gap = await stop(page);
  console.log(`CSV of 50 reports: ${csv.length} characters; longest main-thread gap ${gap.max.toFixed(0)} ms`);
  const withFindings = await shadow(page, '.summary-table td.col-codes').evaluateAll((tds) => tds.filter((td) => td.textContent).length);
  assert.equal(new Set(csv.split('\r\n').slice(1, -1).map((r) => r.split(',')[0])).size, withFindings, 'a row for each finding of each file');
  assert.ok(gap.max < 200, `longest gap while exporting ${gap.max.toFixed(0)} ms`);
  assert.deepEqual(page.log.errors, []);
  await page.context().close();
});

test('a batch can be cancelled: 取消 stops it, the page is as before', async () => {
  // The key must reach the page while the batch still runs. 50 small reports can all be checked
  // in the tens of milliseconds between the progress showing and the key arriving (the test
  // failed so once on an idle machine): the reports are made large (each text repeated), and
  // were the batch still to end first, a fresh page tries one twice as large. That race is the
  // test's own; whether 取消 stops a running batch is what is asserted.
  let page;
  let status = '';
  for (let repeat = 8; repeat <= 64 && !/已取消/.test(status); repeat *= 2) {
    if (page) await page.context().close();
    page = await open(browser);
    await watchStatus(page);
    await drop(page, await transfer(page, fifty(50, repeat)));
    const cancel = shadow(page, 'button.cancel');
    await cancel.waitFor({ state: 'visible' });
    // from the keyboard, as soon as the progress shows: the focus on 取消, Enter
    await page.waitForFunction(() => window.__said.some((s) => /已核查 \d+\/50 份/.test(s)));
    await cancel.focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => !document.querySelector('nianbao-checker').hasAttribute('data-busy'), null, { timeout: 120000 });
    status = await shadow(page, '.status').textContent();
    if (!/已取消/.test(status)) console.log(`the batch of 50 reports (each ×${repeat}) ended before the key arrived: ${status}`);
  }
  assert.match(status, /已取消/);
  assert.equal(await shadow(page, '.summary-slot').isHidden(), true);
  assert.ok(await shadow(page, 'button.cancel').isHidden());
  // and the next batch runs
  await drop(page, await transfer(page, fifty(3)));
  await rows(page, 3);
  assert.deepEqual(page.log.errors, []);
  await page.context().close();
});

test('the single-file edition (file://) reads and checks a batch in its Blob worker too', async () => {
  const page = await open(browser, SINGLE);
  await watchStatus(page);
  await heartbeat(page);
  await drop(page, await transfer(page, fifty()));
  await rows(page, 50);
  const hb = await stop(page);
  const engine = await page.evaluate(() => document.querySelector('nianbao-checker').dataset.engine);
  console.log(`single file, 50-report batch (${engine}): longest main-thread gap ${hb.max.toFixed(0)} ms`);
  assert.equal(engine, 'worker');
  assert.ok((await page.evaluate(() => window.__said)).some((s) => /已核查 \d+\/50 份/.test(s)));
  assert.ok(page.log.requests.every((u) => u === SINGLE || u.startsWith('blob:') || u.startsWith('data:')), 'no other file requested');
  assert.deepEqual(page.log.errors, []);
  await page.context().close();
});

test('where the worker cannot start (worker.js refused), a batch is read and checked on the main thread, with progress', async () => {
  const page = await open(browser);
  await page.context().route('**/worker.js', (route) => route.fulfill({ status: 404, body: 'no' }));
  await watchStatus(page);
  await drop(page, await transfer(page, fifty(12)));
  await rows(page, 12);
  assert.equal(await page.evaluate(() => document.querySelector('nianbao-checker').dataset.engine), 'main');
  assert.ok((await page.evaluate(() => window.__said)).some((s) => /已核查 \d+\/12 份/.test(s)));
  assert.match(await shadow(page, '.summary-total').textContent(), /^共 12 个文件/);
  await page.context().close();
});
