// nianbao (年报核查) as an ES module for any page:
//
//   import { check } from './nianbao.js';
//   const result = await check(text);   // the same object as `nianbao check --format json` gives
//
// The WebAssembly is fetched from ./pkg/ beside this file (so the folder works from any
// path or host; assets.js says where) and instantiated once, on first use; the file reader
// (.docx, .html, .txt) is a second, smaller module fetched only when a file is first opened.
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

let worker = null; // the module worker (assets.worker()), started on the first large check
let running = null; // the check it is running: { id, resolve, reject, text }
let workerBroken = false; // it could not start (no worker in this edition, CSP, old browser)
let nextId = 0;
let calls = 0; // checkOffThread calls so far: a call that is no longer the latest gives way

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
  if (call !== calls) throw Object.assign(new Error('superseded by a newer check'), { name: 'AbortError' });
  if (text.length < OFF_THREAD_MIN || workerBroken || !assets.worker()) return { result: core.check(text), engine: 'main' };
  try {
    return { result: await inWorker(text), engine: 'worker' };
  } catch (err) {
    if (err.name === 'AbortError') throw err;
    console.warn('nianbao: the worker could not check, checking on the main thread:', err);
    workerBroken = true;
    return { result: core.check(text), engine: 'main' };
  }
}

/** Stops the check `checkOffThread` is running, if any (its promise rejects with AbortError). */
export function cancelCheck() {
  if (!running) return;
  const { reject } = running;
  running = null;
  worker?.terminate();
  worker = null;
  reject(Object.assign(new Error('superseded by a newer check'), { name: 'AbortError' }));
}

function inWorker(text) {
  return new Promise((resolve, reject) => {
    if (!worker) {
      const spec = assets.worker(); // a URL (module worker), or { url, type, wasm } (single-file edition)
      worker = new Worker(spec.url ?? spec, { type: spec.type ?? 'module', name: 'nianbao' });
      worker.wasm = spec.wasm; // the bytes the single-file edition's worker compiles
      const w = worker;
      const fail = (why) => {
        if (w !== worker || !running) return;
        const r = running;
        running = null;
        worker = null;
        w.terminate();
        r.reject(new Error(why));
      };
      w.onerror = (e) => {
        e.preventDefault?.();
        fail(`worker error: ${e.message ?? 'could not start'}`);
      };
      w.onmessageerror = () => fail('worker message could not be read');
      w.onmessage = (e) => {
        if (w !== worker || !running || e.data.id !== running.id) return; // a stale answer
        const r = running;
        running = null;
        if (e.data.error != null) {
          worker = null;
          w.terminate();
          r.reject(new Error(e.data.error));
        } else r.resolve(e.data.result);
      };
    }
    running = { id: ++nextId, resolve, reject };
    worker.postMessage({ id: running.id, text, wasm: worker.wasm });
  });
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

/** The synchronous checkMany, for callers that awaited `load()`. */
export function checkManyNow(files) {
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

/**
 * Reads a File (from a picker or a drop): a .txt (UTF-8, UTF-16 with a BOM, GB18030/GBK), a
 * Word .docx or a saved web page .html, as the core converts them (`nianbao::convert`).
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
