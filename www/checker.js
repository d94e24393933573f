// <nianbao-checker>: the whole checker as one custom element, for this site's page and for
// any portal page:
//
//   <script type="module" src="/nianbao/checker.js"></script>
//   <nianbao-checker></nianbao-checker>
//
// Attributes: sample="URL" (the text 载入示例 loads; default sample.txt beside this file;
// sample="none" hides the button). Property `value` (the text). Event `nianbao-result`
// (detail: the CheckResult) after every check. It renders into its own shadow root, so the
// host page's styles do not leak in; all report text goes in as text, never as HTML.
//
// Several files dropped or picked at once are checked together (checkMany: each report, and
// the continuity between the same agency's consecutive years): a summary table, and one
// report's details at a time in the single-report view. The results export as CSV and JSON
// (the core writes the CSV, as the command line does) and print as review sheets (审核意见单).
//
// This module is the element: its life cycle, its public API and when and where a text is
// checked. Its three parts each build their share of the shadow root and keep their own state:
// input.js (the text area, files, batches, large texts), results.js (what a check found, and the
// way to its place) and exports.js (CSV, JSON, 审核意见单). They share one context object (`#c`).

import { load, checkNow, checkOffThread, cancelCheck, OFF_THREAD_MIN, checkManyOffThread, cancelBatch, release, rules as loadRules, format as loadFormat } from './nianbao.js';
import * as render from './render.js';
import * as assets from './assets.js';
import { Input, BIG_TEXT } from './input.js';
import { Results } from './results.js';
import { Exports } from './exports.js';

export { BIG_TEXT };

const h = render.h;
let connected = 0; // elements on the page: the last one to leave stops the workers (nianbao.js release)

export class NianbaoChecker extends HTMLElement {
  static observedAttributes = ['sample'];

  /**
   * What the parts share: `host` (this element), `root` (its shadow root), `ui` (the elements each
   * part made), `input`, `results`, `exports` (the parts); the state of the text shown — `result`
   * (the latest CheckResult), `checkedText` (its text), `problem` (a reader's message instead of a
   * result), `note` (said after the next result's status: the file it was read from), `set` (several
   * files: { entries, results, current }), `fileName` (the file the single report came from), `pdf`
   * (a PDF opened: { text, result, view }; its result stands while the text is unchanged), `format`
   * (the core's section headings and table titles); and the element's steps: run(), draw(),
   * busy(on, batch), failed(err), say(text), verdictLine().
   */
  #c = null;
  #ready = false;
  #firstResult = true;
  #pending = null; // a value set before the element was connected
  #generation = 0; // bumped by every check started: a result for an older one is dropped

  connectedCallback() {
    connected++;
    if (this.#c) {
      // moved in the page: what disconnectedCallback stopped is checked again
      if (this.#ready) this.#run();
      return;
    }
    const root = this.attachShadow({ mode: 'open' });
    const c = (this.#c = {
      host: this,
      root,
      ui: {},
      result: null,
      checkedText: null,
      problem: null,
      note: '',
      set: null,
      fileName: null,
      pdf: null,
      format: null,
      run: () => this.#run(),
      draw: () => this.#draw(),
      busy: (on, batch) => this.#busy(on, batch),
      failed: (err) => this.#failed(err),
      say: (text) => this.#say(text),
      verdictLine: () => this.#verdictLine(),
    });
    c.input = new Input(c);
    c.results = new Results(c);
    c.exports = new Exports(c);
    const ui = c.ui;
    ui.announce = h('div', { class: 'sr-only', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' });
    root.append(
      stylesheet(),
      h(
        'div',
        { class: 'nb' },
        h('div', { class: 'head' }, h('h1', {}, '年报核查'), h('p', {}, '政府信息公开工作年度报告核查 · 文字只在本机浏览器中处理，不会上传')),
        h(
          'div',
          { class: 'layout' },
          ui.input,
          h(
            'section',
            { class: 'results', 'aria-label': '核查结果' },
            ui.summary,
            ui.actions,
            ui.detailTitle,
            ui.verdict,
            ui.facts,
            h('h2', { class: 'findings-title' }, '发现的问题'),
            ui.findings,
            ui.pdfPage,
            h('h2', { class: 'grids-title' }, '读出的表格'),
            ui.grids,
            ui.rules,
          ),
        ),
        ui.print,
        ui.announce,
      ),
    );
    this.#draw();
    if (this.#pending !== null) c.input.setText(this.#pending);
    this.#start();
  }

  /**
   * Off the page: the check or batch it has running stops (its result would be dropped), the
   * timer of a pending check, the print view (and its mark on <html>) and the object URLs of
   * its exports go; the last checker to leave stops the workers. Back on the page, it checks
   * its text again.
   */
  disconnectedCallback() {
    connected--;
    const c = this.#c;
    if (!c) return;
    this.#generation++;
    c.input.settle();
    if (c.input.batchRunning) c.input.cancelBatch(false);
    if (this.dataset.busy != null) {
      cancelCheck();
      cancelBatch();
      this.#busy(false);
    }
    c.exports.release();
    if (!connected) release();
  }

  attributeChangedCallback(name, old, value) {
    if (name === 'sample') this.#c?.input.sampleChanged(value);
  }

  /** The text being checked. */
  get value() {
    return this.#c ? this.#c.input.text() : (this.#pending ?? '');
  }
  set value(text) {
    if (this.#c) this.#c.input.setText(String(text ?? ''));
    else this.#pending = String(text ?? '');
  }
  /** The latest CheckResult, or null. */
  get result() {
    return this.#c?.result ?? null;
  }
  /** The text `result` is for (the text area may have changed since: a check is pending). */
  get checkedText() {
    return this.#c?.checkedText ?? null;
  }

  async #start() {
    const c = this.#c;
    try {
      await load();
      const [rules, format] = await Promise.all([loadRules(), loadFormat()]);
      c.format = format;
      c.results.setRules(rules);
      this.#ready = true;
      c.ui.status.textContent = '就绪';
      this.dataset.ready = '';
      c.input.prepareWhenIdle();
      if (c.ui.text.value) this.#run();
    } catch (err) {
      console.error(err);
      c.ui.status.textContent = '核查程序未能载入';
      c.ui.verdict.replaceChildren(render.problem(`核查程序（WebAssembly）未能载入：${err?.message ?? err}。请使用较新版本的浏览器，并确认网站完整部署了 pkg/ 目录。`));
    }
  }

  /**
   * Checks the text area's text. A long text (OFF_THREAD_MIN, one report's, not a set's) goes
   * to the worker (nianbao.js checkOffThread) while the page shows 正在核查… and stays
   * responsive; a newer edit supersedes it (the worker is terminated, and a result that still
   * comes for an older text is dropped by its generation). Short texts are checked at once.
   */
  #run() {
    const c = this.#c;
    c.input.settle();
    if (!this.#ready || !this.isConnected) return; // #start runs it when the core is there, connectedCallback when back on the page
    if (c.input.batchRunning) c.input.cancelBatch(false); // a text typed, pasted or loaded meanwhile wins
    const text = c.input.text();
    const generation = ++this.#generation;
    cancelCheck(); // a check still running is of an older text
    delete this.dataset.busy;
    if (text === c.checkedText && c.result) {
      const status = c.ui.status;
      if (status.textContent === '正在核查…') status.textContent = '已核查';
      status.textContent += c.note;
      c.note = '';
      return;
    }
    const t0 = performance.now();
    if (!c.set && c.pdf && c.pdf.text === text) {
      this.#apply(text, c.pdf.result, performance.now() - t0, 'pdf'); // checked when read, with pages and boxes
      return;
    }
    c.results.hidePdf();
    const done = ({ result, engine }) => generation === this.#generation && this.#apply(text, result, performance.now() - t0, engine);
    const failed = (err) => generation === this.#generation && err.name !== 'AbortError' && this.#failed(err);
    const set = c.set;
    if (set) {
      // a set: the shown report is one of them; an edit re-checks the set (continuity) in the worker
      const entry = set.entries[set.current];
      if (entry.text === text && set.results && !set.stale) return this.#apply(text, set.results[set.current], performance.now() - t0, this.dataset.engine ?? 'main');
      entry.text = text;
      set.stale = true;
      this.#busy(true);
      checkManyOffThread(set.entries).then(({ result, engine }) => {
        if (generation !== this.#generation || set !== c.set) return;
        set.results = result;
        set.stale = false;
        done({ result: result[set.current], engine });
      }, failed);
      return;
    }
    if (text.length >= OFF_THREAD_MIN) {
      this.#busy(true);
      checkOffThread(text).then(done, failed);
      return;
    }
    let result;
    try {
      result = checkNow(text);
    } catch (err) {
      this.#failed(err);
      return;
    }
    this.#apply(text, result, performance.now() - t0, 'main');
  }

  /** 正在核查… while a check runs off the main thread (data-busy), or a batch (with 取消). */
  #busy(on, batch = false) {
    const ui = this.#c.ui;
    if (on) {
      ui.status.textContent = batch ? '正在读取文件…' : '正在核查…';
      this.dataset.busy = '';
    } else delete this.dataset.busy;
    ui.cancel.hidden = !(on && batch);
  }

  #failed(err) {
    console.error(err);
    this.#busy(false);
    this.#c.ui.status.textContent = '核查出错';
    this.#c.ui.verdict.replaceChildren(render.problem(`核查时出错：${err?.message ?? err}`));
  }

  /** Shows `result`, the CheckResult of `text`, checked in `ms` on the `engine` thread. */
  #apply(text, result, ms, engine) {
    const c = this.#c;
    this.#busy(false);
    this.dataset.engine = engine;
    c.results.take(result);
    c.result = result;
    c.checkedText = text;
    c.ui.status.textContent = (result.status === 'checked' ? `已核查 · 用时 ${ms < 1 ? '不到 1' : Math.round(ms)} 毫秒` : '') + c.note;
    c.note = '';
    this.#draw();
    this.#say(this.#verdictLine());
    if (this.#firstResult && result.status === 'checked') {
      this.#firstResult = false;
      performance.mark?.('nianbao:first-result');
    }
    this.dispatchEvent(new CustomEvent('nianbao-result', { detail: result, bubbles: true, composed: true }));
  }

  /** The verdict and the number of findings in one sentence, for a screen reader. */
  #verdictLine() {
    const c = this.#c;
    const r = c.result;
    const file = c.set ? `${c.set.entries[c.set.current].name}：` : '';
    if (c.problem) return `无法读取：${c.problem}`;
    if (!r) return '';
    if (r.status !== 'checked') return `${file}未核查：${r.message}`;
    const { errors, warnings, infos } = r.summary;
    const n = r.findings.length;
    return `${file}核查完成，${errors ? '未通过' : '通过'}：${errors} 个错误，${warnings} 个警告，${infos} 个提示，共 ${n} 条问题${n ? '，列在“发现的问题”表中' : ''}。`;
  }

  /** Says `text` to a screen reader (a polite live region; the same text twice is said twice). */
  #say(text) {
    const el = this.#c.ui.announce;
    el.textContent = '';
    if (text) requestAnimationFrame(() => (el.textContent = text));
  }

  #draw() {
    const c = this.#c;
    const focused = c.root.activeElement?.dataset?.key; // drawn anew below: focused again after
    c.exports.draw();
    c.results.draw();
    this.dataset.status = c.problem ? 'unreadable' : (c.result?.status ?? '');
    if (focused && !c.root.activeElement) c.root.querySelector(`[data-key="${CSS.escape(focused)}"]`)?.focus({ preventScroll: true });
  }
}

/** The element's stylesheet: a <link> to style.css, or (single-file edition) a <style> with its text. */
function stylesheet() {
  const css = assets.style();
  return css instanceof URL ? h('link', { rel: 'stylesheet', href: css.href }) : h('style', {}, css);
}

if (!customElements.get('nianbao-checker')) customElements.define('nianbao-checker', NianbaoChecker);
