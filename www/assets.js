// Where the checker's other files are: the two WebAssembly modules, the stylesheet of
// <nianbao-checker>'s shadow root, and the sample report, all beside this file (so the folder
// works from any path or host). The single-file edition (scripts/single-file.py) replaces this
// module with one that holds them inline: bytes for the wasm, text for the style and the sample.

/** The checker's wasm (check, rules): a URL, or the bytes themselves. */
export const coreWasm = () => new URL('./pkg/nianbao_bg.wasm', import.meta.url);
/** The file reader's glue module and its wasm (.txt/.docx/.html to text), loaded on first use. */
export const filesModule = () => import('./pkg/nianbao_files.js');
export const filesWasm = () => new URL('./pkg/nianbao_files_bg.wasm', import.meta.url);
/**
 * The module worker that checks large texts off the main thread (same origin, beside this file),
 * or null where there is none: then nianbao.js checks on the main thread.
 */
export const worker = () => new URL('./worker.js', import.meta.url);
/** The PDF reader (pdf.js and its glue, www/pdf.js), loaded when a PDF is opened; null where there is none. */
export const pdfModule = () => import('./pdf.js');
/** The element's stylesheet: a URL (a <link>), or CSS text (a <style>). */
export const style = () => new URL('./style.css', import.meta.url);
/** The sample report 载入示例 loads: a URL, or the text. */
export const sample = () => new URL('./sample.txt', import.meta.url);
