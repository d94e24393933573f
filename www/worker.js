// The checker's module worker: runs nianbao.js's jobs off the page's main thread, so that typing,
// scrolling and clicking stay responsive while a large text, or a batch of files, is read and
// checked, and while an export is built. It loads the same modules, wasm-bindgen glue and .wasm as
// the page, from beside this file (assets.js), same origin. One message in: { id, op, data }
// (nianbao.js runJob: "check", "many", "files", "csv", "json"); out: { id, progress } any number of
// times, then { id, result } or { id, error }. nianbao.js terminates a worker whose job was
// superseded or cancelled, and starts a fresh one for the next.

import { runJob } from './nianbao.js';

self.onmessage = async (e) => {
  const { id, op, data } = e.data;
  try {
    const result = await runJob(op, data, (progress) => self.postMessage({ id, progress }));
    self.postMessage({ id, result });
  } catch (err) {
    self.postMessage({ id, error: String(err?.message ?? err) });
  }
};
