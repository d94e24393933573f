// Shared set-up of the browser tests: Debian's chromium driven by playwright-core, the site
// served by scripts/test-browser.sh at NIANBAO_URL (a sub-path), every request recorded.
import { chromium } from 'playwright-core';
import { before, after } from 'node:test';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const FIXTURES = join(ROOT, 'tests', 'fixtures', 'reports', 'seeds');
export const FILES = join(ROOT, 'tests', 'fixtures');
export const SCREENSHOTS = join(ROOT, 'tests', 'browser', 'screenshots');
export const SITE = process.env.NIANBAO_URL ?? 'http://127.0.0.1:8080/';
export const ORIGIN = new URL(SITE).origin;

export const SEEDS = ['000_4d177dac3167f082', '001_43e3c9ba6b70e239', '002_a8d23b48448f5a19', '003_ea91102f3cc3d767', '004_5cd136013ffaed5d'];
export const seed = (name) => readFileSync(join(FIXTURES, `${name}.txt`), 'utf8');

/** Launches headless chromium (playwright gives it a fresh temporary profile). */
export async function launch() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return {
    browser,
    async close() {
      await browser.close();
    },
  };
}

/**
 * A new page at `url` with every request, console error, page error and dialog recorded in
 * `page.log`. Waits until the checker's core is loaded unless `wait` is false. `init`: a function
 * run in the page before its own scripts (page.addInitScript).
 */
export async function open(browser, url = SITE, { wait = true, viewport = { width: 1440, height: 1000 }, bypassCSP = false, init = null } = {}) {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1, bypassCSP });
  const page = await context.newPage();
  if (init) await page.addInitScript(init);
  const log = (page.log = { requests: [], errors: [], dialogs: [] });
  page.on('request', (r) => log.requests.push(r.url()));
  page.on('console', (m) => m.type() === 'error' && log.errors.push(m.text()));
  page.on('pageerror', (e) => log.errors.push(String(e)));
  page.on('dialog', (d) => {
    log.dialogs.push(d.message());
    d.dismiss().catch(() => {});
  });
  await page.goto(url, { waitUntil: wait ? 'load' : 'commit' });
  if (wait) await page.waitForSelector('nianbao-checker[data-ready]', { state: 'attached', timeout: 15000 }).catch((e) => {
      throw new Error(`${e.message}\npage errors: ${log.errors.join(' | ')}`);
    });
  return page;
}

/** Requests that went anywhere but the page's origin. */
export function foreign(page) {
  return page.log.requests.filter((u) => new URL(u).origin !== ORIGIN);
}

/** Pastes `text` into the checker's text area (as a user's paste: one input event). */
export async function paste(page, text) {
  await page.locator('nianbao-checker textarea').fill(text);
}

/** Waits for the result of `text` and returns the element's state and the CheckResult. */
export async function result(page, text) {
  await page.waitForFunction((t) => {
    const el = document.querySelector('nianbao-checker');
    return el.result && el.value === t && el.checkedText === t;
  }, text);
  return page.evaluate(() => document.querySelector('nianbao-checker').result);
}

/** The text area's current selection. */
export function selection(page) {
  return page.evaluate(() => {
    const ta = document.querySelector('nianbao-checker').shadowRoot.querySelector('textarea');
    return { start: ta.selectionStart, end: ta.selectionEnd, text: ta.value.slice(ta.selectionStart, ta.selectionEnd), focused: ta.matches(':focus'), scrollTop: ta.scrollTop };
  });
}

/** The redrawn tables as {A|B|C: [[cell text]]} (value cells only, row by row). */
export function drawnTables(page) {
  return page.evaluate(() => {
    const root = document.querySelector('nianbao-checker').shadowRoot;
    const out = {};
    for (const td of root.querySelectorAll('.grids td.num')) {
      const { table, row, col } = td.dataset;
      ((out[table] ??= [])[row] ??= [])[col] = td.textContent;
    }
    return out;
  });
}

/**
 * Resolves once the page has loaded its PDF reader ahead of a PDF (nianbao.js preloadPdf, run when
 * the page is idle after loading: pdf.js, its worker, the cMaps, the PDF checker's wasm; the
 * single-file edition has none), then waits for the page to be idle again.
 */
export async function pdfReady(page) {
  await page.waitForFunction(() => performance.getEntriesByName('nianbao:pdf-ready').length > 0, null, { timeout: 30000 });
  await page.evaluate(() => new Promise((resolve) => (window.requestIdleCallback ?? setTimeout)(resolve)));
}

/** Drops several files ([{name, type, bytes}]) at once on the checker's drop zone. */
export async function dropFiles(page, files) {
  const dt = await page.evaluateHandle((list) => {
    const dt = new DataTransfer();
    for (const f of list) dt.items.add(new File([new Uint8Array(f.data)], f.name, { type: f.type }));
    return dt;
  }, files.map((f) => ({ name: f.name, type: f.type, data: [...f.bytes] })));
  const zone = page.locator('nianbao-checker .dropzone');
  await zone.dispatchEvent('dragenter', { dataTransfer: dt });
  await zone.dispatchEvent('dragover', { dataTransfer: dt });
  await zone.dispatchEvent('drop', { dataTransfer: dt });
}

/** RFC 4180 CSV (quoted fields, "" for a quote, CRLF rows) to an array of rows. */
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\r' && text[i + 1] === '\n') row.push(field), rows.push(row), (row = []), (field = ''), i++;
    else field += c;
  }
  if (field || row.length) row.push(field), rows.push(row);
  return rows;
}

/**
 * One browser for the whole test file: launched before its first test, closed after its last.
 * Returns a stand-in for the browser that `open()` takes.
 */
export function useBrowser() {
  let launched;
  before(async () => {
    launched = await launch();
  });
  after(async () => {
    await launched?.close?.();
  });
  return new Proxy({}, {
    get(_, key) {
      const b = launched.browser;
      const v = b[key];
      return typeof v === 'function' ? v.bind(b) : v;
    },
  });
}

/** A locator inside the checker element's shadow root. */
export const shadow = (page, selector) => page.locator(`nianbao-checker ${selector}`);

/** The axe-core rule sets every state of the page must pass: WCAG 2.1 A and AA, and best practice. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

/**
 * Runs axe-core (node_modules/axe-core, pinned in package.json) on the page as it is now, open
 * shadow roots included. The source goes in through the DevTools protocol (page.evaluate). Open
 * the page with `bypassCSP: true`: axe measures colour contrast with inline styles of its own,
 * which the page's CSP (style-src 'self') would refuse, leaving contrast unchecked.
 * Resolves to the violations as [{id, impact, help, nodes: [{target, summary}]}].
 */
export async function axe(page, { tags = AXE_TAGS } = {}) {
  const source = readFileSync(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(source);
  return page.evaluate(async (values) => {
    const res = await window.axe.run(document, { runOnly: { type: 'tag', values } });
    window.__axeIncomplete = res.incomplete.map((v) => `${v.id}×${v.nodes.length}`);
    return res.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target.flat().join(' >>> '), summary: n.failureSummary })) }));
  }, tags);
}

/** axe violations in a short form for an assertion message or a log line. */
export function axeReport(violations) {
  return violations.map((v) => `${v.id} (${v.impact}, ${v.nodes.length}): ${v.help}\n${v.nodes.slice(0, 4).map((n) => `    ${n.target}\n      ${String(n.summary).replace(/\n/g, ' | ')}`).join('\n')}`).join('\n');
}

/** The page's scroll width against its viewport width (no sideways scrolling: scroll <= viewport). */
export function pageWidth(page) {
  return page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, viewport: window.innerWidth }));
}

/** Seed 001 with one wrong figure (（一）予以公开 总计 5): B001 and B002 errors. */
export const broken = () => seed('001_43e3c9ba6b70e239').replace('(一) 予以公开\t0\t0\t0\t0\t0\t0\t0', '(一) 予以公开\t0\t0\t0\t0\t0\t0\t5');
