#!/usr/bin/env node
// Dumps the text items pdf.js reads from each PDF (www/pdf-items.js, the page's own code) as
// JSON beside it, with the straight paths it draws: FILE.pdf -> FILE.items.json. The Rust tests (tests/pdf.rs) check that the
// command line's native reader and these items give the same findings.
//
//   node scripts/pdf-items.mjs tests/fixtures/pdf/*.pdf
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { readItems, itemsJson, problemOf } from '../www/pdf-items.js';

// pdf.js 6 moves the operator list's buffers with ArrayBuffer.prototype.transferToFixedLength
// (Node 21+, Chromium 114+); Node 20 gets a copy.
if (!ArrayBuffer.prototype.transferToFixedLength) {
  ArrayBuffer.prototype.transferToFixedLength = function (n = this.byteLength) {
    const out = new ArrayBuffer(n);
    new Uint8Array(out).set(new Uint8Array(this, 0, Math.min(n, this.byteLength)));
    return out;
  };
}

const require = createRequire(import.meta.url);
const root = path.dirname(require.resolve('pdfjs-dist/package.json'));
const pdfjs = await import(path.join(root, 'legacy/build/pdf.mjs'));

for (const file of process.argv.slice(2)) {
  const data = new Uint8Array(await readFile(file));
  const dest = file.replace(/\.pdf$/i, '') + '.items.json';
  const task = pdfjs.getDocument({ data, cMapUrl: path.join(root, 'cmaps') + '/', cMapPacked: true, standardFontDataUrl: path.join(root, 'standard_fonts') + '/', isEvalSupported: false, verbosity: 0 });
  let out;
  try {
    out = itemsJson(await readItems(await task.promise, pdfjs.OPS));
  } catch (err) {
    await writeFile(dest, JSON.stringify({ error: problemOf(err), name: err?.name ?? '' }) + '\n');
    console.log(`${dest}: ${problemOf(err)} (${err?.name}: ${err?.message})`);
    continue;
  } finally {
    await task.destroy();
  }
  // one item a line: small diffs when a fixture is remade
  const list = (rows) => '[\n' + rows.map((i) => JSON.stringify(i)).join(',\n') + '\n]';
  await writeFile(dest, '{"pages": ' + JSON.stringify(out.pages) + ',\n"items": ' + list(out.items) + ',\n"paths": ' + list(out.paths) + '}\n');
  console.log(`${dest}: ${out.items.length} items, ${out.paths.length} paths, ${out.pages.length / 2} pages`);
}
