// nianbao (年报核查) as an ES module for any page:
//
//   import { check } from './nianbao.js';
//   const result = await check(text);   // the same object as `nianbao check --format json` gives
//
// The WebAssembly is fetched from ./pkg/ beside this file (so the folder works from any
// path or host) and instantiated once, on first use. Nothing leaves the browser.

import init, * as core from './pkg/nianbao.js';

let loading = null;

/** Loads the WebAssembly core (once); resolves when `check` can run without waiting. */
export function load() {
  if (!loading) {
    loading = init({ module_or_path: new URL('./pkg/nianbao_bg.wasm', import.meta.url) }).then(() => {
      performance.mark?.('nianbao:wasm-ready');
    });
    loading.catch(() => {
      loading = null; // let a later call try again
    });
  }
  return loading;
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
 * Resolves to { text, encoding }; rejects with an Error whose message is for the user (Chinese).
 */
export function decode(bytes) {
  const b = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  const strict = (label) => {
    try {
      return new TextDecoder(label, { fatal: true }).decode(b);
    } catch {
      return null;
    }
  };
  let text = null;
  let encoding = null;
  if (b[0] === 0xff && b[1] === 0xfe) [text, encoding] = [strict('utf-16le'), 'UTF-16'];
  else if (b[0] === 0xfe && b[1] === 0xff) [text, encoding] = [strict('utf-16be'), 'UTF-16'];
  else if (b.includes(0)) text = null;
  else {
    text = strict('utf-8'); // TextDecoder drops a UTF-8 BOM itself
    encoding = 'UTF-8';
    if (text === null) [text, encoding] = [strict('gb18030'), 'GB18030/GBK'];
  }
  if (text === null) {
    throw new Error('无法读取这个文件：它不是 UTF-8 或 GB18030/GBK 编码的文字（可能是 PDF、Word、图片或压缩包），请先把报告另存为 .txt 文本');
  }
  return { text, encoding };
}

/** Reads a File (from a picker or a drop) as text; see `decode`. */
export async function readFile(file) {
  let bytes;
  try {
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch {
    throw new Error(`无法读取文件“${file.name}”`);
  }
  return decode(bytes);
}
