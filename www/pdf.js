// PDF in the page (issue 10): a dropped or picked .pdf is read by pdf.js (pdfjs-dist, legacy
// build, copied into pdfjs/ beside this file by scripts/build-wasm.sh with the two cMaps that
// non-embedded Chinese fonts need), its text items are handed to the core (wasm `check_pdf`),
// which rebuilds lines and table cells from the geometry and checks; every place of the result
// carries its page and box. This module, pdf.js and the PDF checker's own wasm
// (pkg/nianbao_pdf_bg.wasm) are not part of the page's first load: `preload()` fetches and
// starts them all (pdf.js, its worker, the two cMaps, the PDF checker's wasm) when the page is
// idle after its first load, or at the first sign of a file coming (nianbao.js preloadPdf), so
// that the first PDF dropped pays only for reading it; else the first readPdf loads them. One
// PDFWorker is kept for the session, and the cMaps in memory.
//
//   const { text, result, view } = await readPdf(name, bytes);
//   view.show(container, place)   // draws the place's page with its box marked

import { readItems, problemOf } from './pdf-items.js';
import init, * as core from './pkg/nianbao_pdf.js';

const here = (p) => new URL(p, import.meta.url).href;
let lib = null;
let worker = null;
let current = null; // the loading task of the PDF shown: destroyed when the next one arrives
let ready = null; // the PDF checker's wasm (nianbao_pdf: the geometry and the checker)

function loadCore() {
  if (!ready) {
    ready = init({ module_or_path: new URL('./pkg/nianbao_pdf_bg.wasm', import.meta.url) });
    ready.catch(() => {
      ready = null;
    });
  }
  return ready;
}

async function pdfjs() {
  if (!lib) {
    lib = import('./pdfjs/pdf.min.mjs').then((m) => {
      m.GlobalWorkerOptions.workerSrc = here('./pdfjs/pdf.worker.min.mjs');
      return m;
    });
    lib.catch(() => {
      lib = null;
    });
  }
  return lib;
}

/** pdf.js's worker, started once (its 1.3 MB script loaded and ready): resolves to the PDFWorker. */
function startWorker(m) {
  worker ??= new m.PDFWorker({ name: 'nianbao-pdf' });
  const w = worker;
  return w.promise.then(
    () => w,
    (err) => {
      if (worker === w) worker = null; // the next PDF tries a fresh one
      throw err;
    },
  );
}

/**
 * The cMaps that non-embedded Chinese fonts need (scripts/build-wasm.sh copies these two), each
 * fetched once and kept in memory: pdf.js asks for them for every document it opens.
 */
const CMAPS = ['UniGB-UCS2-H.bcmap', 'Adobe-GB1-UCS2.bcmap'];
const cmaps = new Map(); // file name -> Promise<Uint8Array>

function cmap(name) {
  let got = cmaps.get(name);
  if (!got) {
    got = fetch(here(`./pdfjs/cmaps/${name}`)).then(async (res) => {
      if (!res.ok) throw new Error(`${name}: HTTP ${res.status}`);
      return new Uint8Array(await res.arrayBuffer());
    });
    got.catch(() => cmaps.delete(name));
    cmaps.set(name, got);
  }
  return got;
}

/**
 * pdf.js's BinaryDataFactory (getDocument with useWorkerFetch: false): the cMaps from memory
 * (`cmap`). Nothing else is shipped: standard font data and image decoders' wasm are refused,
 * and pdf.js goes on without them (system fonts; the text is read either way).
 */
class BinaryData {
  async fetch({ kind, filename }) {
    if (kind !== 'cMapUrl') throw new Error(`${kind} ${filename}: not part of this site`);
    return cmap(filename);
  }
}

/** pdf.js can run here (the legacy build needs structuredClone: Chromium 98 and later). */
const supported = () => typeof structuredClone === 'function';

let preloading = null;

/**
 * Gets everything a PDF needs ready before one arrives: pdf.js, its worker (started), the cMaps
 * and the PDF checker's wasm. Once; resolves when all are there, and never rejects (what failed
 * to load is tried again, and reported, by the readPdf that needs it).
 */
export function preload() {
  if (!supported()) return Promise.resolve();
  preloading ??= Promise.allSettled([pdfjs().then(startWorker), loadCore(), ...CMAPS.map(cmap)]);
  return preloading;
}

/** An Error for the user, as nianbao.js readFile throws them ({code, status}). */
function refusal(code, message) {
  return Object.assign(new Error(message), { code, status: 'binary' });
}

/**
 * Reads and checks a PDF: resolves to { text, result, view } (the rebuilt text the text area
 * shows, the CheckResult with pages and boxes, and a view that draws its pages), or rejects with
 * an Error whose message says in Chinese what is wrong and what to do.
 */
export async function readPdf(name, bytes) {
  if (!supported()) {
    throw refusal('pdf_reader', '这个浏览器版本过旧，无法读取 PDF（需要 Chromium 98、Firefox 94、Safari 15.4 或更新的版本）：请升级浏览器，或使用报告的 Word/网页/文本版本');
  }
  let m;
  try {
    [m] = await Promise.all([pdfjs(), loadCore()]);
  } catch {
    throw refusal('pdf_reader', '读取 PDF 的程序（pdf.js）未能载入：请检查网站是否完整部署了 pdfjs/ 和 pkg/ 目录，或使用报告的 Word/网页版本');
  }
  worker ??= new m.PDFWorker({ name: 'nianbao-pdf' });
  const task = m.getDocument({
    data: bytes.slice(), // pdf.js transfers the buffer to its worker
    worker,
    cMapUrl: here('./pdfjs/cmaps/'),
    cMapPacked: true,
    // the cMaps come from memory (BinaryData), fetched once a session rather than by pdf.js's
    // worker for every document; set explicitly also because pdf.js's default reads `document`,
    // which the batch worker (nianbao.js) has not
    useWorkerFetch: false,
    BinaryDataFactory: BinaryData,
    isEvalSupported: false,
    enableXfa: false,
    verbosity: 0,
  });
  let items;
  let doc;
  try {
    doc = await task.promise;
    items = await readItems(doc, m.OPS, (it) => core.pdf_table_pages(it.strings, it.nums, it.pages));
  } catch (err) {
    task.destroy();
    const code = problemOf(err);
    throw refusal(code, core.pdf_problem(code) ?? `无法读取 PDF 文件“${name}”`);
  }
  const got = core.check_pdf(items.strings, items.nums, items.pages, items.paths);
  if (got.error) {
    task.destroy();
    throw refusal(got.error, got.message);
  }
  if (current) current.destroy(); // the PDF shown before: its document goes, the worker stays
  current = task;
  return { text: got.text, result: got.result, view: new PdfView(doc, name) };
}

/** Draws a PDF's pages, one at a time, with a place's box marked. */
export class PdfView {
  #doc;
  #name;
  #drawing = 0;
  constructor(doc, name) {
    this.#doc = doc;
    this.#name = name;
  }

  /**
   * Shows `place`'s page in `container` (an element), its box outlined and scrolled into view.
   * `place`: { page, box: {page, x, y, width, height} } (points from the page's top left).
   */
  async show(container, place) {
    const n = place?.page;
    if (!n) return false;
    const ticket = ++this.#drawing;
    const page = await this.#doc.getPage(n);
    if (ticket !== this.#drawing) return false;
    const width = Math.max(280, Math.min(container.clientWidth || 600, 900));
    const base = page.getViewport({ scale: 1 });
    const scale = width / base.width;
    const viewport = page.getViewport({ scale });
    const ratio = window.devicePixelRatio || 1;
    const canvas = document.createElement('canvas');
    canvas.width = Math.floor(viewport.width * ratio);
    canvas.height = Math.floor(viewport.height * ratio);
    canvas.style.width = `${viewport.width}px`;
    canvas.style.height = `${viewport.height}px`;
    canvas.setAttribute('role', 'img');
    canvas.setAttribute('aria-label', `PDF“${this.#name}”第 ${n} 页`);
    await page.render({ canvasContext: canvas.getContext('2d'), viewport, transform: ratio !== 1 ? [ratio, 0, 0, ratio, 0, 0] : null }).promise;
    if (ticket !== this.#drawing) return false;
    const sheet = document.createElement('div');
    sheet.className = 'pdf-page';
    sheet.style.position = 'relative';
    sheet.style.width = `${viewport.width}px`;
    sheet.append(canvas);
    const b = place.box;
    let mark = null;
    if (b) {
      const pad = 3;
      mark = document.createElement('div');
      mark.className = 'pdf-mark';
      Object.assign(mark.style, {
        position: 'absolute',
        left: `${b.x * scale - pad}px`,
        top: `${b.y * scale - pad}px`,
        width: `${b.width * scale + 2 * pad}px`,
        height: `${b.height * scale + 2 * pad}px`,
        border: '3px solid #d40000',
        background: 'rgba(255, 210, 0, 0.35)',
        boxSizing: 'border-box',
        pointerEvents: 'none',
      });
      sheet.append(mark);
    }
    const caption = document.createElement('p');
    caption.className = 'pdf-caption';
    caption.textContent = `PDF 第 ${n} 页 / 共 ${this.#doc.numPages} 页${b ? '（红框处）' : ''}`;
    container.replaceChildren(caption, sheet);
    container.hidden = false;
    container.dataset.page = String(n);
    if (mark) mark.scrollIntoView({ block: 'center', inline: 'nearest' });
    return true;
  }
}
