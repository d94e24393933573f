// nianbao (年报核查) as an ES module for any page:
//
//   import { check } from './nianbao.js';
//   const result = await check(text);   // the same object as `nianbao check --format json` gives
//
// The WebAssembly is fetched from ./pkg/ beside this file (so the folder works from any
// path or host; assets.js says where) and instantiated once, on first use; the file reader
// (.docx, .html, .txt) is a second, smaller module, and a PDF is read by pdf.js (pdf.js beside
// this file): each fetched when a file first needs it, or before — the PDF reader when the page is
// idle after loading (`preloadPdf()`), both when a file may be coming (`prepareReaders()`).
// Nothing leaves the browser.

import init, * as core from './pkg/nianbao.js';
import * as assets from './assets.js';

let loading = null;
let files = null;

/** Loads the WebAssembly core (once); resolves when `check` can run without waiting. */
export function load() {
  if (!loading) {
    loading = init({ module_or_path: assets.coreWasm() }).then(() => {
      performance.mark?.('nianbao:wasm-ready');
    });
    loading.catch(() => {
      loading = null; // let a later call try again
    });
  }
  return loading;
}

/** Loads the file reader (its own WebAssembly, fetched on the first file opened), once. */
function loadFiles() {
  if (!files) {
    files = assets.filesModule().then(async (m) => {
      await m.default({ module_or_path: assets.filesWasm() });
      return m;
    });
    files.catch(() => {
      files = null;
    });
  }
  return files;
}

let readers = null;
let pdfReader = null;

/**
 * Loads the PDF reader ahead of a PDF (www/pdf.js preload: pdf.js, its worker, the cMaps, the PDF
 * checker's wasm), where this edition has one (assets.pdfModule; the single-file edition has
 * none, and fetches nothing). Once; resolves when done (performance mark "nianbao:pdf-ready") and
 * never rejects: what could not load is tried again, and its failure said, when a PDF comes. The
 * <nianbao-checker> element calls it when the page is idle after loading.
 */
export function preloadPdf() {
  pdfReader ??= Promise.resolve()
    .then(() => assets.pdfModule())
    .then((m) => m?.preload())
    .catch(() => {})
    .then(() => {
      performance.mark?.('nianbao:pdf-ready');
    });
  return pdfReader;
}

/**
 * Gets all the readers of opened files ready when a file may be coming (dragged over the page, the
 * file picker's button focused): the file reader's wasm (.txt, .docx, .html) and the PDF reader.
 * Once; never rejects.
 */
export function prepareReaders() {
  readers ??= Promise.allSettled([loadFiles(), preloadPdf()]).then(() => {});
  return readers;
}

/**
 * Starts the batch worker ahead of a batch and has it load the readers the batch will need there:
 * the file reader's wasm, and the PDF reader when `pdf` (a PDF among the files). The page calls it
 * when several files are dragged over it. The worker is kept for the batch that follows; this asks
 * for no answer, so the batch job it receives next neither waits for it nor cancels it (the two
 * share the loads).
 */
export function prepareBatch({ pdf = false } = {}) {
  if (jobs.broken || jobs.worker || !assets.worker()) return; // a worker there has loaded them, or is loading them
  jobs.warm('preload', { pdf });
}

/** Checks the text of one report. Resolves to the CheckResult (status, message, report, findings, summary). */
export async function check(text) {
  await load();
  return core.check(String(text ?? ''));
}

/** The synchronous check, for callers that awaited `load()` (the page checks as the user types). */
export function checkNow(text) {
  return core.check(String(text ?? ''));
}

/**
 * Texts this long (UTF-16 code units; about 100 KB of UTF-8 for Chinese text, some 10 ms of
 * checking) or longer are checked in a worker by `checkOffThread`; shorter ones (a real report
 * is 5–20 K) on the main thread: their result comes in the same input event, 2–3 ms, with no
 * worker to start and no copy of the text and result between threads.
 */
export const OFF_THREAD_MIN = 32 * 1024;

/**
 * One worker (assets.worker(): worker.js, or the single-file edition's Blob worker) and the job it
 * runs, one at a time. `cancel()` terminates it (a fresh one starts for the next job): a job
 * superseded or cancelled rejects with an Error named "AbortError". A worker that cannot start or
 * load the WebAssembly marks the lane `broken`: its jobs then run on the main thread (`offThread`).
 */
class Lane {
  worker = null;
  running = null; // { id, resolve, reject, progress }
  broken = false;
  abort = null; // the AbortController of a job running on the main thread instead

  constructor(name) {
    this.name = name;
  }

  run(op, data, progress) {
    return new Promise((resolve, reject) => {
      if (!this.worker) this.start();
      this.running = { id: ++nextId, resolve, reject, progress };
      this.worker.postMessage({ id: this.running.id, op, data, wasm: this.worker.wasm });
    });
  }

  /** Has the worker (started now if need be) run job `op` with no answer wanted, beside any job. */
  warm(op, data) {
    if (!this.worker) this.start();
    this.worker.postMessage({ id: 0, op, data, wasm: this.worker.wasm }); // id 0: no job's; its answer is dropped
  }

  start() {
    const spec = assets.worker(); // a URL (module worker), or { url, type, wasm } (single-file edition)
    const w = (this.worker = new Worker(spec.url ?? spec, { type: spec.type ?? 'module', name: `nianbao-${this.name}` }));
    w.wasm = spec.wasm; // the bytes the single-file edition's worker compiles: { core, files }
    const fail = (why) => {
      if (w !== this.worker) return;
      const r = this.running;
      this.running = null;
      this.worker = null; // also with no job running (one warmed ahead): the next job starts afresh
      w.terminate();
      r?.reject(new Error(why));
    };
    w.onerror = (e) => {
      e.preventDefault?.();
      fail(`worker error: ${e.message ?? 'could not start'}`);
    };
    w.onmessageerror = () => fail('worker message could not be read');
    w.onmessage = (e) => {
      const r = this.running;
      if (w !== this.worker || !r || e.data.id !== r.id) return; // a stale answer
      if (e.data.progress) return r.progress?.(e.data.progress);
      this.running = null;
      if (e.data.error != null) {
        this.worker = null;
        w.terminate();
        r.reject(new Error(e.data.error));
      } else r.resolve(e.data.result);
    };
  }

  /** Cancels the job running, if any, and terminates the worker even when idle. */
  stop() {
    this.cancel();
    this.worker?.terminate();
    this.worker = null;
  }

  cancel() {
    this.abort?.abort();
    this.abort = null;
    if (!this.running) return;
    const { reject } = this.running;
    this.running = null;
    this.worker?.terminate();
    this.worker = null;
    reject(abortError());
  }
}

let nextId = 0;
const checks = new Lane('check'); // checkOffThread: one large text at a time, a newer one supersedes
const jobs = new Lane('batch'); // several files, a set re-checked, exports
let calls = 0; // checkOffThread calls so far: a call that is no longer the latest gives way

const abortError = () => Object.assign(new Error('superseded by a newer check'), { name: 'AbortError' });

/**
 * Runs job `op` in `lane`'s worker, or on the main thread where no worker can run (this edition
 * has none, the host page's CSP refuses it, a browser without module workers, a worker that fails
 * to load the WebAssembly): then from that moment on, explicitly (`engine` says "main").
 * Resolves to { result, engine: "worker" | "main" }.
 */
async function offThread(lane, op, data, progress) {
  if (!lane.broken && assets.worker()) {
    try {
      return { result: unpack(await lane.run(op, data, progress)), engine: 'worker' };
    } catch (err) {
      if (err.name === 'AbortError') throw err;
      console.warn(`nianbao: the worker could not run "${op}", running it on the main thread:`, err);
      lane.broken = true;
    }
  }
  const abort = (lane.abort = new AbortController());
  try {
    return { result: await runJob(op, data, progress, abort.signal), engine: 'main' };
  } finally {
    if (lane.abort === abort) lane.abort = null;
  }
}

/**
 * Checks `text` off the main thread when it is long (OFF_THREAD_MIN) and a worker can run, else
 * on the main thread. Resolves to { result, engine: "worker" | "main" }. A newer call (or
 * `cancelCheck()`) supersedes a running one: its worker is terminated (a fresh one starts for
 * the next check) and its promise rejects with an Error named "AbortError".
 *
 * The fallback is explicit: where assets.worker() is null, or the worker fails to start or to
 * load the WebAssembly (a host page's CSP without worker-src/script-src 'self', a browser
 * without module workers, the single-file edition's Blob worker refused), the check runs on
 * the main thread, as before, from then on, and `engine` says "main".
 */
export async function checkOffThread(text) {
  text = String(text ?? '');
  const call = ++calls;
  cancelCheck();
  await load();
  if (call !== calls) throw abortError();
  if (text.length < OFF_THREAD_MIN) return { result: core.check(text), engine: 'main' };
  return offThread(checks, 'check', { text });
}

/** Stops the check `checkOffThread` is running, if any (its promise rejects with AbortError). */
export function cancelCheck() {
  checks.cancel();
}

/**
 * Reads and checks several files (File objects: .txt, .docx, .html) in the worker: each file read
 * and checked in turn, `progress({ done, total })` after each, then the set with its continuity
 * across years (checkMany). Resolves to { result: { entries, results }, engine }: `entries` in
 * the order of their names, [{name, text, encoding}] or {name, status, error, message} for a file
 * the reader refused; `results` checkMany's array for them. `cancelBatch()` stops it (AbortError).
 * A newer batch job supersedes a running one.
 */
export function checkFiles(files, progress) {
  jobs.cancel();
  return offThread(jobs, 'files', { files: [...files] }, progress);
}

/** checkMany off the main thread (a set re-checked after an edit): { result: results, engine }. */
export function checkManyOffThread(entries) {
  jobs.cancel();
  return offThread(jobs, 'many', { entries });
}

/**
 * An export of `entries` (as for checkMany) built off the main thread: `kind` "csv" (toCsv's
 * text) or "json" (checkMany's array, indented). Resolves to { result: Blob, engine }.
 */
export function exportBlob(kind, entries) {
  jobs.cancel();
  return offThread(jobs, kind, { entries });
}

/** Stops the batch job (checkFiles, checkManyOffThread, exportBlob) that is running, if any. */
export function cancelBatch() {
  jobs.cancel();
}

/**
 * Stops both workers, idle or not (a job running rejects with AbortError): <nianbao-checker>
 * calls it when the last checker leaves the page. The next job starts a fresh worker.
 */
export function release() {
  checks.stop();
  jobs.stop();
}

/**
 * One job, where it runs (worker.js, the single-file edition's worker, or the main thread where
 * no worker runs): "check" {text} → CheckResult; "many" {entries} → checkMany's array; "files"
 * {files} → {entries, results} with `progress` after each file; "csv" / "json" {entries} → Blob;
 * "preload" {pdf} → nothing, once the file reader (and the PDF reader when `pdf`) is loaded.
 * On the main thread `signal` stops "files" between two files (AbortError), and it yields to the
 * page between them.
 */
export async function runJob(op, data, progress = () => {}, signal = null) {
  await load();
  switch (op) {
    case 'check':
      return core.check(String(data.text ?? ''));
    case 'many':
      return pack(core.check_many(data.entries.map(input)));
    case 'csv':
      return new Blob([core.csv(data.entries.map(input))], { type: 'text/csv;charset=utf-8' });
    case 'json':
      return new Blob([`${JSON.stringify(core.check_many(data.entries.map(input)), null, 2)}\n`], { type: 'application/json;charset=utf-8' });
    case 'files':
      return readAndCheck(data.files, progress, signal);
    case 'preload':
      await Promise.allSettled([loadFiles(), data.pdf && preloadPdf()]);
      return null;
    default:
      throw new Error(`unknown job ${op}`);
  }
}

/**
 * A set's results as a worker sends them: each report's redrawn tables (`report.grids`, nine
 * tenths of a result) as one JSON string, which crosses to the page as a copy of its bytes rather
 * than as some thousand objects the page would have to build at once (50 reports: 1.4 MB of
 * objects). `unpack` gives each report its `grids` back, read on first use (a report shown).
 * On the main thread (no worker) both leave the results as they are.
 */
function pack(results) {
  if (typeof document !== 'undefined') return results;
  for (const r of results) {
    if (r.report?.grids) {
      r.report.gridsJson = JSON.stringify(r.report.grids);
      delete r.report.grids;
    }
  }
  return results;
}

function unpack(result) {
  for (const r of result?.results ?? (Array.isArray(result) ? result : [])) {
    const report = r.report;
    if (report?.gridsJson == null) continue;
    const json = report.gridsJson;
    delete report.gridsJson;
    Object.defineProperty(report, 'grids', {
      enumerable: true,
      configurable: true,
      get() {
        const grids = JSON.parse(json);
        Object.defineProperty(report, 'grids', { value: grids, enumerable: true, writable: true, configurable: true });
        return grids;
      },
      set(grids) {
        Object.defineProperty(report, 'grids', { value: grids, enumerable: true, writable: true, configurable: true });
      },
    });
  }
  return result;
}

async function readAndCheck(files, progress, signal) {
  const entries = [];
  const pdfs = new Map(); // entry -> the PDF's own result (with pages and boxes)
  const onMain = typeof document !== 'undefined';
  for (const file of files) {
    if (signal?.aborted) throw abortError();
    let entry;
    try {
      const { text, encoding, pdf } = await readFile(file);
      entry = { name: file.name, text, encoding };
      if (pdf) pdfs.set(entry, pdf.result);
      core.check(text); // the set is checked below, with its continuity; this counts the progress honestly
    } catch (err) {
      entry = { name: file.name, status: err.status ?? 'binary', error: err.code ?? null, message: err.message };
    }
    entries.push(entry);
    progress({ done: entries.length, total: files.length });
    if (onMain) await new Promise((r) => setTimeout(r, 0)); // let the page draw and answer between files
  }
  if (signal?.aborted) throw abortError();
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const results = core.check_many(entries.map(input));
  entries.forEach((e, i) => pdfs.has(e) && withPages(results[i], pdfs.get(e)));
  return { entries, results: pack(results) };
}

/**
 * A PDF's result in a set (checked from its rebuilt text, with the continuity across years): each
 * finding, and each of its cells, given the page and box that the PDF's own check (www/pdf.js)
 * found for the same finding at the same place of the same text.
 */
function withPages(r, pdf) {
  const key = (f) => `${f.code}|${f.start}|${f.end}|${f.message}`;
  const own = new Map((pdf?.findings ?? []).map((f) => [key(f), f]));
  for (const f of r?.findings ?? []) {
    const p = own.get(key(f));
    if (!p?.page) continue;
    Object.assign(f, { page: p.page, box: p.box });
    (f.cells ?? []).forEach((c, i) => p.cells?.[i]?.page && Object.assign(c, { page: p.cells[i].page, box: p.cells[i].box }));
  }
}

/**
 * Checks several reports and their continuity across years (X001, X002: a report of year N
 * against the same agency's report of year N−1 among them). `files` = [{name, text}], or
 * {name, status, error, message} for a file that could not be read (as readFile's Error
 * carries them). Resolves to the array `nianbao check --format json` prints for those files:
 * [{file, error?, status, message, report, findings, summary}], in the order given.
 */
export async function checkMany(files) {
  await load();
  return core.check_many(files.map(input));
}

/**
 * The findings of `files` (as for checkMany) as `nianbao check --format csv` writes them: one row
 * per finding (文件, 机关, 年度, 规则, 级别, 行, 位置, 说明, 应为, 实为), a string that starts
 * with a BOM and has CRLF line ends. The core writes it (the same code as the command line).
 */
export async function toCsv(files) {
  await load();
  return core.csv(files.map(input));
}

function input(f) {
  const out = { name: String(f.name ?? '') };
  if (f.text != null) out.text = String(f.text);
  else {
    out.status = f.status ?? 'binary';
    if (f.error) out.error = String(f.error);
    out.message = String(f.message ?? '无法读取这个文件');
  }
  return out;
}

/** Every rule's documentation: [{code, name, severity, severity_label, summary, why, example}]. */
export async function rules() {
  await load();
  return core.rules();
}

let formatDoc = null;

/**
 * The standard layout's names, from the core (nianbao::format): { sections: [{numeral, heading}]
 * (一 … 六), tables: [{table, section, title}] (A, B, C; `section` a numeral) }.
 */
export async function format() {
  await load();
  return (formatDoc ??= JSON.parse(core.format()));
}

/** The core's version. */
export async function version() {
  await load();
  return core.version();
}

/**
 * Decodes a text file's bytes: UTF-8 (with or without BOM), UTF-16 with a BOM, else
 * GB18030 (a superset of GBK/GB2312, which many offices still save text in).
 * Returns { text, encoding }; throws an Error whose message is for the user (Chinese).
 */
export function decode(bytes, label = null) {
  const b = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  const strict = (l) => {
    try {
      return new TextDecoder(l, { fatal: true }).decode(b);
    } catch {
      return null; // not that encoding, or a label the browser does not know
    }
  };
  let text = null;
  let encoding = null;
  if (label) [text, encoding] = [strict(label), label.toUpperCase()];
  else if (b[0] === 0xff && b[1] === 0xfe) [text, encoding] = [strict('utf-16le'), 'UTF-16'];
  else if (b[0] === 0xfe && b[1] === 0xff) [text, encoding] = [strict('utf-16be'), 'UTF-16'];
  else if (!b.includes(0)) [text, encoding] = [strict('utf-8'), 'UTF-8']; // drops a UTF-8 BOM itself
  if (text === null && !b.includes(0)) [text, encoding] = [strict('gb18030'), 'GB18030/GBK'];
  if (text === null) {
    throw new Error('无法读取这个文件：它不是 UTF-8 或 GB18030/GBK 编码的文字（可能是图片、PDF 或其他二进制文件）。请提供报告的 .txt、Word（.docx）或网页（.html）文件，或复制全文粘贴');
  }
  return { text, encoding };
}

/** A PDF, by its first bytes (or, broken, by its name). */
function isPdf(name, bytes) {
  return (bytes[0] === 0x25 && bytes[1] === 0x50 && bytes[2] === 0x44 && bytes[3] === 0x46) || /\.pdf$/i.test(name);
}

/**
 * A PDF through pdf.js and the core's geometry (pdf.js, loaded only now): { text, encoding: null,
 * pdf: { result, view } }, the result with pages and boxes. The single-file edition has no
 * pdf.js (assets.pdfModule gives null): it says so.
 */
async function readPdf(name, bytes) {
  const mod = await assets.pdfModule();
  if (!mod) throw Object.assign(new Error(PDF_NEEDS_SITE), { code: 'pdf_single_file', status: 'binary' });
  const { text, result, view } = await mod.readPdf(name, bytes);
  return { text, encoding: null, pdf: { result, view } };
}

/** What the single-file edition says about a PDF. */
export const PDF_NEEDS_SITE = '单文件离线版不含 PDF 阅读器：请使用网站版（把 dist/ 文件夹放到任一网站或用 scripts/serve.sh 打开）核查 PDF，或提供报告的 Word/网页/文本版本';

/**
 * Reads a File (from a picker or a drop): a .txt (UTF-8, UTF-16 with a BOM, GB18030/GBK), a
 * Word .docx or a saved web page .html, as the core converts them (`nianbao::convert`).
 * A PDF is read by pdf.js and checked by the core from its page geometry: then the result is
 * there too, { text, encoding: null, pdf: { result, view } } (pdf.js: PdfView).
 * Resolves to { text, encoding } (encoding null when not a text file); rejects with an Error
 * whose message is for the user (Chinese), with `code` (the reader's reason: "pdf",
 * "docx_too_large", …) and `status` ("binary", "too_large", "empty") when the core refused it.
 */
export async function readFile(file) {
  let bytes;
  try {
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch {
    throw new Error(`无法读取文件“${file.name}”`);
  }
  if (isPdf(file.name, bytes)) return readPdf(file.name, bytes);
  let reader;
  try {
    reader = await loadFiles();
  } catch {
    throw new Error('读取文件的程序未能载入，请检查网站是否完整部署了 pkg/ 目录，或复制全文粘贴');
  }
  let got = reader.file_text(file.name, bytes);
  let encoding = null;
  if (got.error === 'charset') {
    // The wasm carries no GBK tables: the browser decodes, the core converts.
    const decoded = decode(bytes, got.charset);
    encoding = /^(gb|x-gbk)/i.test(got.charset) ? 'GB18030/GBK' : decoded.encoding;
    got = reader.decoded_file_text(file.name, decoded.text);
  }
  if (got.text == null) throw Object.assign(new Error(got.message ?? `无法读取文件“${file.name}”`), { code: got.error, status: got.status });
  return { text: got.text, encoding };
}
