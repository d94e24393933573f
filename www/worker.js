// The checker's module worker: runs `check` off the page's main thread, so that typing,
// scrolling and clicking stay responsive while a large text is checked (nianbao.js sends it
// texts of OFF_THREAD_MIN characters or more). It loads the same wasm-bindgen glue and .wasm
// as the page, from beside this file (assets.js), same origin. One message in: { id, text };
// one out: { id, result } or { id, error }. nianbao.js terminates a worker whose check was
// superseded by a newer edit, and starts a fresh one for the next.

import init, { check } from './pkg/nianbao.js';
import * as assets from './assets.js';

let ready = null;

self.onmessage = async (e) => {
  const { id, text } = e.data;
  try {
    ready ??= init({ module_or_path: assets.coreWasm() });
    await ready;
    self.postMessage({ id, result: check(text) });
  } catch (err) {
    self.postMessage({ id, error: String(err?.message ?? err) });
  }
};
