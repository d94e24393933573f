// Issue 13, the page for everyone: axe-core (WCAG 2.1 A/AA and best practice) finds nothing in
// any state of the page (empty, a result with errors and a finding open, a clean report, a batch
// summary with a report's details open, a file refused, the print view, the portal page that
// embeds the element), at a desktop's width and at a phone's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { useBrowser, shadow, open, paste, result, seed, SITE, FIXTURES, FILES, dropFiles, axe, axeReport, broken } from './helpers.mjs';

const browser = useBrowser();

/** Three reports and a file that is not one. */
const BATCH = () => [
  ...['000_4d177dac3167f082', '002_a8d23b48448f5a19', '004_5cd136013ffaed5d'].map((n) => ({ name: `${n}.txt`, type: 'text/plain', bytes: readFileSync(join(FIXTURES, `${n}.txt`)) })),
  { name: '扫描件.pdf', type: 'application/pdf', bytes: Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n', 'latin1') },
];

/** Each state of the page: how to get there from a freshly opened page. */
const STATES = {
  empty: async () => {},
  'result with errors, a finding open': async (page) => {
    const text = broken();
    await paste(page, text);
    const r = await result(page, text);
    await shadow(page, `tr.finding[data-index="${r.findings.findIndex((f) => f.code === 'B001') + 1}"]`).click();
    await shadow(page, 'tr.finding-detail').waitFor();
  },
  'clean report': async (page) => {
    const text = seed('001_43e3c9ba6b70e239');
    await paste(page, text);
    await result(page, text);
  },
  'warnings, no errors': async (page) => {
    const text = readFileSync(join(FILES, 'reports', 'real', 'hongzequ-2024.txt'), 'utf8');
    await paste(page, text);
    const r = await result(page, text);
    assert.ok(r.summary.warnings > 0 && r.summary.errors === 0, JSON.stringify(r.summary));
  },
  'batch summary, a report open': async (page) => {
    await dropFiles(page, BATCH());
    await page.waitForFunction(() => document.querySelector('nianbao-checker').shadowRoot.querySelectorAll('.summary-table tr.report-row').length === 4);
    await shadow(page, 'tr.report-row[data-index="1"] button.open').click();
    await page.waitForFunction(() => document.querySelector('nianbao-checker').result?.file === '002_a8d23b48448f5a19.txt');
  },
  'a file refused': async (page) => {
    await shadow(page, 'input[type="file"]').setInputFiles({ name: 'picture.txt', mimeType: 'text/plain', buffer: Buffer.from('\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10', 'latin1') });
    await page.waitForFunction(() => document.querySelector('nianbao-checker').dataset.status === 'unreadable');
  },
  'print view': async (page) => {
    await page.evaluate(() => (window.print = () => {}));
    const text = broken();
    await paste(page, text);
    await result(page, text);
    await shadow(page, 'button.print-sheet').click();
    await shadow(page, '.sheet').waitFor();
    await page.emulateMedia({ media: 'print' });
  },
};

for (const width of [1440, 390]) {
  for (const [name, reach] of Object.entries(STATES)) {
    test(`axe at ${width} px: ${name}`, async () => {
      const page = await open(browser, SITE, { viewport: { width, height: 900 }, bypassCSP: true });
      await reach(page);
      const v = await axe(page);
      const incomplete = await page.evaluate(() => window.__axeIncomplete);
      console.log(`axe ${width} px, ${name}: ${v.length} violations${v.length ? `: ${v.map((x) => `${x.id}×${x.nodes.length}`).join(', ')}` : ''} (to review by hand: ${incomplete.join(', ') || 'none'})`);
      assert.deepEqual(page.log.errors, []);
      assert.equal(v.length, 0, axeReport(v));
      await page.context().close();
    });
  }
}

test('axe: the portal page that embeds <nianbao-checker>, with a result with errors', async () => {
  const page = await open(browser, new URL('../portal/', SITE).href, { viewport: { width: 1000, height: 900 }, bypassCSP: true });
  const before = await axe(page);
  await STATES['result with errors, a finding open'](page);
  const v = await axe(page);
  console.log(`axe portal: empty ${before.length} violations, with a result ${v.length}${v.length ? `: ${v.map((x) => `${x.id}×${x.nodes.length}`).join(', ')}` : ''}`);
  assert.equal(before.length, 0, axeReport(before));
  assert.equal(v.length, 0, axeReport(v));
  await page.context().close();
});
