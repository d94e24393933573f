// <nianbao-checker>'s input (checker.js): the text area with its toolbar (载入示例, 选择文件, 清空,
// the status line, 取消), pasting, dropping and picking files, reading them (nianbao.js readFile,
// a PDF handed over with its own result), a batch of files read and checked in the worker, and a
// very large text shown a window at a time. The file readers are loaded before a file comes: the
// PDF reader (pdf.js, its worker, cMaps and wasm: the longest wait) when the page is idle after
// loading, both readers at the first sign of a file (files dragged over, 选择文件 focused or pointed at).

import { checkFiles, cancelBatch, readFile, preloadPdf, prepareReaders, prepareBatch } from './nianbao.js';
import { h } from './render.js';
import * as assets from './assets.js';

const ACCEPT = '.txt,.docx,.doc,.wps,.html,.htm,.mht,.mhtml,.pdf,text/plain,text/html,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/msword,multipart/related,message/rfc822';

/**
 * A text this long (UTF-16 code units, about 1.5 MB of Chinese text) is not laid out in the text
 * area whole (Chromium takes a second or two for 3 MB, the page frozen): the text area shows a
 * read-only window of it (BIG_WINDOW characters, at line ends), says so, and the whole text is
 * checked; a finding's place moves the window there.
 */
export const BIG_TEXT = 512 * 1024;
const BIG_WINDOW = 24 * 1024;

/** The input part of the element; `c` is the element's shared context (checker.js). */
export class Input {
  #c;
  #timer = 0;
  #big = null; // a text too large to lay out at once: { text, start, end } (the window shown)
  #batch = 0; // bumped by every batch of files started or cancelled: progress of an older one is dropped
  #batchRunning = false; // a batch is being read and checked (取消 shown); a newer text supersedes it

  constructor(c) {
    this.#c = c;
    const ui = c.ui;
    ui.text = h('textarea', {
      class: 'text',
      spellcheck: 'false',
      'aria-label': '年度报告全文',
      placeholder: '把政府信息公开工作年度报告的全部文字粘贴到这里，\n或把报告文件（.txt、.docx、.html、.pdf）拖到这里。\n\n文字只在本机浏览器中核查，不会上传。',
      oninput: () => this.#schedule(),
      onpaste: (e) => this.#paste(e),
      onkeydown: (e) => e.key === 'Escape' && c.results.goBack(),
    });
    ui.file = h('input', { type: 'file', accept: ACCEPT, multiple: true, class: 'file-input', onfocus: () => prepareReaders(), onchange: (e) => e.target.files.length && this.#openFiles([...e.target.files]) });
    ui.sample = h('button', { type: 'button', class: 'btn sample', hidden: c.host.getAttribute('sample') === 'none', onclick: () => this.#loadSample() }, '载入示例');
    ui.status = h('span', { class: 'status', role: 'status', 'aria-live': 'polite' }, '正在载入核查程序…');
    ui.cancel = h('button', { type: 'button', class: 'btn cancel', hidden: true, onclick: () => this.cancelBatch() }, '取消');
    ui.bigNote = h('p', { class: 'big-note', hidden: true });
    ui.drop = h('div', { class: 'drop', 'aria-hidden': 'true' }, h('span', {}, '松开鼠标，读取文件'));
    ui.input = h(
      'section',
      {
        class: 'input',
        'aria-label': '报告原文',
        ondragenter: (e) => this.#dragOver(e, true),
        ondragover: (e) => this.#dragOver(e, true),
        ondragleave: (e) => e.target === ui.drop && this.#dragOver(e, false),
        ondrop: (e) => this.#drop(e),
      },
      h(
        'div',
        { class: 'toolbar' },
        ui.sample,
        h('label', { class: 'btn file', title: '文本（.txt，UTF-8 或 GBK 编码）、Word（.docx、.doc）、WPS（.wps）、网页（.html、.mht）或 PDF', onpointerenter: () => prepareReaders() }, '选择文件', ui.file),
        h('button', { type: 'button', class: 'btn clear', onclick: () => this.#clear() }, '清空'),
        ui.status,
        ui.cancel,
      ),
      ui.bigNote,
      h('div', { class: 'editor' }, ui.text, ui.drop),
      h('p', { class: 'dropzone' }, '也可以把报告文件拖放到这里或上面的文本框中：文本（.txt，UTF-8 或 GBK 编码）、Word（.docx）、网页（.html）或 PDF（从页面版式读出表格，问题标明第几页）；一次拖入多个文件可批量核查，并核对同一机关相邻年度的衔接'),
    );
  }

  /**
   * The checker is ready (checker.js): the PDF reader (nianbao.js preloadPdf: pdf.js, its worker,
   * the cMaps, the PDF checker's wasm) loads when the page is next idle after its load event, so
   * that the first PDF opened does not wait for it (a second or more on a slow machine), and never
   * competes with the first paint or the first check. Not with Save-Data on: then the first sign of
   * a file loads it.
   */
  prepareWhenIdle() {
    if (navigator.connection?.saveData) return;
    const idle = () => (window.requestIdleCallback ? requestIdleCallback(() => preloadPdf(), { timeout: 3000 }) : setTimeout(() => preloadPdf(), 300));
    if (document.readyState === 'complete') idle();
    else window.addEventListener('load', idle, { once: true });
  }

  /** The `sample` attribute changed: "none" hides 载入示例 (a click reads the attribute then). */
  sampleChanged(value) {
    this.#c.ui.sample.hidden = value === 'none';
  }

  /** The text being checked: the text area's, or the whole of a large text it shows a window of. */
  text() {
    return this.#big ? this.#big.text : this.#c.ui.text.value;
  }

  /** Puts `text` in the text area (a window of it when large) and checks it. */
  setText(text) {
    const ta = this.#c.ui.text;
    this.#big = text.length >= BIG_TEXT ? { text, start: 0 } : null;
    ta.readOnly = !!this.#big;
    this.#c.ui.bigNote.hidden = !this.#big;
    ta.value = this.#big ? this.#window(0) : text;
    ta.setSelectionRange(0, 0);
    ta.scrollTop = 0;
    this.#c.problem = null;
    this.#c.run();
  }

  /**
   * Where UTF-16 offset `at` of the whole text is in the text area: a large text's window moves
   * there first (when `at` is outside it); returns what to subtract from the whole text's offsets.
   */
  reveal(at) {
    const big = this.#big;
    if (!big) return 0;
    if (at < big.start || at >= big.end) this.#c.ui.text.value = this.#window(at);
    return big.start;
  }

  /** No check pending for a pause in typing (one is starting now). */
  settle() {
    clearTimeout(this.#timer);
  }

  /** True while a batch of files is read and checked. */
  get batchRunning() {
    return this.#batchRunning;
  }

  /** 取消: stops the batch being read and checked; the page stays as it was before it. */
  cancelBatch(say = true) {
    const c = this.#c;
    this.#batch++;
    this.#batchRunning = false;
    cancelBatch();
    c.busy(false);
    if (!say) return;
    c.ui.status.textContent = '已取消批量核查';
    c.say('已取消批量核查');
  }

  /** Leaves a set of files (and the file and PDF the text came from) for a new text. */
  #leave() {
    const c = this.#c;
    if (c.set) c.checkedText = null;
    c.set = null;
    c.fileName = null;
  }

  /** Empties the text area and leaves a set of files. */
  #clear() {
    this.#leave();
    this.#c.pdf = null;
    this.setText('');
  }

  /**
   * A large text (BIG_TEXT): shows the window of it around character `at` in the text area (from a
   * line start, BIG_WINDOW characters, to a line end) and says which lines those are. Returns the
   * window's text; `#big.start` is where it starts in the whole text.
   */
  #window(at) {
    const big = this.#big;
    const text = big.text;
    let start = Math.max(0, at - BIG_WINDOW / 3);
    start = start ? text.lastIndexOf('\n', start) + 1 : 0;
    let end = Math.min(text.length, start + BIG_WINDOW);
    if (end < text.length) {
      const nl = text.indexOf('\n', end);
      end = nl < 0 ? text.length : nl;
    }
    big.start = start;
    big.end = end;
    const line = (i) => countLines(text, i);
    const total = line(text.length);
    const mb = (new Blob([text]).size / 1048576).toFixed(1);
    const note = this.#c.ui.bigNote;
    note.hidden = false;
    note.textContent = `这份文字较大（${mb} MB，${total.toLocaleString('zh-CN')} 行）：为使页面保持流畅，下框只显示其中第 ${line(start).toLocaleString('zh-CN')}–${line(end).toLocaleString('zh-CN')} 行，只读；核查针对全文，点击问题时显示问题所在的一段。要修改，请修改原文件后重新载入，或清空后粘贴较短的文字。`;
    return text.slice(start, end);
  }

  /** A paste of a large text: kept whole, not laid out in the text area at once (#window). */
  #paste(e) {
    const pasted = e.clipboardData?.getData('text/plain') ?? '';
    const ta = this.#c.ui.text;
    if (this.#big) {
      // the text area shows a window of a large text: a paste replaces the whole text
      e.preventDefault();
      if (pasted) this.#replaceText(pasted);
      return;
    }
    if (pasted.length < BIG_TEXT) return; // the text area takes it, its input event checks it
    e.preventDefault();
    this.#replaceText(ta.value.slice(0, ta.selectionStart) + pasted + ta.value.slice(ta.selectionEnd));
  }

  #replaceText(text) {
    this.#leave();
    this.setText(text);
  }

  /** Checks at once after a paste or a large change, else after a pause in typing. */
  #schedule() {
    const c = this.#c;
    clearTimeout(this.#timer);
    c.problem = null;
    c.note = '';
    if (this.#big) {
      // a large text's window is read-only; a script that set the text area's value takes it whole
      this.#big = null;
      c.ui.text.readOnly = false;
      c.ui.bigNote.hidden = true;
    }
    const text = c.ui.text.value;
    const prev = c.checkedText ?? '';
    const big = Math.abs(text.length - prev.length) > 200 || !prev;
    const delay = big ? 0 : Math.min(150 + text.length / 20000, 1500);
    this.#timer = setTimeout(() => c.run(), delay);
  }

  /**
   * One file: today's single report. Several: read and checked in the worker (nianbao.js
   * checkFiles), 已核查 k/n 份 as they go, 取消 stops them; then the summary and the first
   * readable report's details.
   */
  async #openFiles(files) {
    const c = this.#c;
    c.ui.file.value = '';
    if (files.length === 1) return this.#openFile(files[0]);
    const batch = ++this.#batch;
    this.#batchRunning = true;
    c.busy(true, true);
    c.ui.status.textContent = `正在读取和核查 ${files.length} 个文件…`;
    let got;
    try {
      got = await checkFiles(files, ({ done, total }) => batch === this.#batch && (c.ui.status.textContent = `已核查 ${done}/${total} 份`));
    } catch (err) {
      if (batch !== this.#batch || err.name === 'AbortError') return;
      this.#batchRunning = false;
      return c.failed(err);
    }
    if (batch !== this.#batch) return;
    this.#batchRunning = false;
    const { entries, results } = got.result;
    c.host.dataset.engine = got.engine;
    const first = entries.findIndex((e) => e.text != null);
    c.set = { entries, results, current: Math.max(first, 0) };
    c.fileName = null;
    c.results.unselect();
    if (first < 0) {
      // nothing readable: the summary says why for each file
      c.busy(false);
      c.result = null;
      c.problem = '所选文件都无法读取，原因见汇总表';
      this.#big = null;
      c.ui.text.value = '';
      c.checkedText = null;
      c.draw();
      c.ui.status.textContent = `已读取 ${entries.length} 个文件`;
      c.say(c.verdictLine());
      return;
    }
    c.pdf = null;
    c.checkedText = null; // a new set: draw it even when its first text is the one shown
    this.setText(entries[first].text);
    c.ui.status.textContent += ` · 已核查 ${entries.length} 个文件`;
  }

  async #openFile(file) {
    const c = this.#c;
    c.ui.file.value = '';
    try {
      const { text, encoding, pdf } = await readFile(file);
      if (c.set || pdf || c.pdf) c.checkedText = null; // leaving a set or a PDF: redraw even for the same text
      c.set = null;
      c.fileName = file.name;
      c.pdf = pdf ? { text, ...pdf } : null;
      c.note = ` · 已读取“${file.name}”${encoding ? `（${encoding}）` : ''}${pdf ? '（PDF，表格按页面版式读出）' : ''}`; // after the result, also one from the worker
      this.setText(text);
    } catch (err) {
      c.problem = err.message;
      c.draw();
    }
  }

  async #loadSample() {
    const c = this.#c;
    const attr = c.host.getAttribute('sample');
    const url = attr ? new URL(attr, document.baseURI) : assets.sample();
    try {
      let text = url;
      if (url instanceof URL) {
        const res = await fetch(url);
        if (!res.ok) throw new Error(res.status);
        text = await res.text();
      }
      this.#leave();
      c.pdf = null;
      this.setText(text);
    } catch {
      c.problem = '示例报告未能载入';
      c.draw();
    }
  }

  #dragOver(e, on) {
    if (![...(e.dataTransfer?.types ?? [])].includes('Files')) return;
    if (e.type === 'dragenter') {
      // files coming: their readers load now if the idle time has not loaded them; several files
      // (a batch) are read in the batch worker, which starts now and loads its own
      prepareReaders();
      const items = [...(e.dataTransfer.items ?? [])];
      if (items.length > 1) prepareBatch({ pdf: items.some((i) => i.type === 'application/pdf') });
    }
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
    this.#c.ui.input.classList.toggle('dragging', on);
  }

  #drop(e) {
    this.#c.ui.input.classList.remove('dragging');
    const files = [...(e.dataTransfer?.files ?? [])];
    if (!files.length) return; // dropped text: the text area inserts it, and its input event checks it
    e.preventDefault();
    this.#openFiles(files);
  }
}

/** The number (1-based) of the line character `pos` of `text` is on. */
function countLines(text, pos) {
  let n = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < pos; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
