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

import { load, checkNow, checkOffThread, cancelCheck, OFF_THREAD_MIN, checkFiles, checkManyOffThread, exportBlob, cancelBatch, rules as loadRules, readFile } from './nianbao.js';
import * as render from './render.js';
import * as assets from './assets.js';

const h = render.h;
const ACCEPT = '.txt,.docx,.html,.htm,.pdf,text/plain,text/html,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/**
 * A text this long (UTF-16 code units, about 1.5 MB of Chinese text) is not laid out in the text
 * area whole (Chromium takes a second or two for 3 MB, the page frozen): the text area shows a
 * read-only window of it (BIG_WINDOW characters, at line ends), says so, and the whole text is
 * checked; a finding's place moves the window there.
 */
export const BIG_TEXT = 512 * 1024;
const BIG_WINDOW = 24 * 1024;

export class NianbaoChecker extends HTMLElement {
  #ui = null;
  #ready = false;
  #rules = new Map();
  #rulesList = [];
  #result = null;
  #items = []; // the result's findings, each with its 1-based `index` (序号)
  #problem = null;
  #checkedText = null;
  #timer = 0;
  #sort = { key: 'index', dir: 'asc' };
  #severities = new Set(['error', 'warning', 'info']);
  #rule = '';
  #selected = null; // a finding's index
  #firstResult = true;
  #pending = null; // a value set before the element was connected
  #set = null; // several files: { entries: [{name, text} | {name, status, error, message}], results, current }
  #fileName = null; // the file the single report's text came from
  #generation = 0; // bumped by every check started: a result for an older one is dropped
  #note = ''; // said after the next result's status (the file it was read from)
  #big = null; // a text too large to lay out at once: { text, start } (the window shown starts at `start`)
  #batch = 0; // bumped by every batch of files started or cancelled: progress of an older one is dropped
  #batchRunning = false; // a batch is being read and checked (取消 shown); a newer text supersedes it
  #back = null; // the data-key of the finding row a jump to the text or the table came from (Esc returns)
  #pdf = null; // a PDF opened: { text, result, view } (www/pdf.js); its result stands while the text is unchanged

  connectedCallback() {
    if (this.#ui) return;
    const root = this.attachShadow({ mode: 'open' });
    const ui = (this.#ui = {});
    ui.text = h('textarea', {
      class: 'text',
      spellcheck: 'false',
      'aria-label': '年度报告全文',
      placeholder: '把政府信息公开工作年度报告的全部文字粘贴到这里，\n或把报告文件（.txt、.docx、.html、.pdf）拖到这里。\n\n文字只在本机浏览器中核查，不会上传。',
      oninput: () => this.#schedule(),
      onpaste: (e) => this.#paste(e),
      onkeydown: (e) => e.key === 'Escape' && this.#goBack(),
    });
    ui.file = h('input', { type: 'file', accept: ACCEPT, multiple: true, class: 'file-input', onchange: (e) => e.target.files.length && this.#openFiles([...e.target.files]) });
    const sampleAttr = this.getAttribute('sample');
    ui.sample = sampleAttr === 'none' ? null : h('button', { type: 'button', class: 'btn sample', onclick: () => this.#loadSample() }, '载入示例');
    ui.status = h('span', { class: 'status', role: 'status', 'aria-live': 'polite' }, '正在载入核查程序…');
    ui.cancel = h('button', { type: 'button', class: 'btn cancel', hidden: true, onclick: () => this.#cancelBatch() }, '取消');
    ui.announce = h('div', { class: 'sr-only', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' });
    ui.bigNote = h('p', { class: 'big-note', hidden: true });
    ui.drop = h('div', { class: 'drop', 'aria-hidden': 'true' }, h('span', {}, '松开鼠标，读取文件'));
    ui.input = h(
      'section',
      { class: 'input', 'aria-label': '报告原文' },
      h(
        'div',
        { class: 'toolbar' },
        ui.sample,
        h('label', { class: 'btn file', title: '文本（.txt，UTF-8 或 GBK 编码）、Word（.docx）、网页（.html）或 PDF' }, '选择文件', ui.file),
        h('button', { type: 'button', class: 'btn clear', onclick: () => this.#clear() }, '清空'),
        ui.status,
        ui.cancel,
      ),
      ui.bigNote,
      h('div', { class: 'editor' }, ui.text, ui.drop),
      h('p', { class: 'dropzone' }, '也可以把报告文件拖放到这里或上面的文本框中：文本（.txt，UTF-8 或 GBK 编码）、Word（.docx）、网页（.html）或 PDF（从页面版式读出表格，问题标明第几页）；一次拖入多个文件可批量核查，并核对同一机关相邻年度的衔接'),
    );
    ui.summary = h('section', { class: 'summary-slot', 'aria-label': '批量核查汇总', hidden: true }, h('h2', { class: 'summary-title' }, '批量核查汇总'), h('div'));
    ui.detailTitle = h('h2', { class: 'detail-title', hidden: true });
    ui.actions = h(
      'div',
      { class: 'actions', hidden: true },
      h('button', { type: 'button', class: 'btn export-csv', title: '每个问题一行（UTF-8，Excel 可直接打开）', onclick: () => this.#export('csv') }, '导出 CSV'),
      h('button', { type: 'button', class: 'btn export-json', title: '完整的核查结果（与命令行 --format json 相同）', onclick: () => this.#export('json') }, '导出 JSON'),
      h('button', { type: 'button', class: 'btn print-sheet', onclick: () => this.#print(false) }, '打印审核意见单'),
      h('button', { type: 'button', class: 'btn print-all', hidden: true, onclick: () => this.#print(true) }, '打印全部审核意见单'),
    );
    ui.print = h('div', { class: 'print-view', hidden: true });
    ui.verdict = h('div', { class: 'verdict-slot', 'aria-live': 'polite' }, render.verdict(null));
    ui.facts = h('div', { class: 'facts-slot' });
    ui.findings = h('div', { class: 'findings-slot' });
    ui.grids = h('div', { class: 'grids-slot' });
    ui.pdfPage = h('div', { class: 'pdf-view', hidden: true, 'aria-label': 'PDF 原页' });
    ui.rules = h('details', { class: 'rules' }, h('summary', {}, '全部规则说明'));
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
    for (const el of [ui.input]) {
      el.addEventListener('dragenter', (e) => this.#dragOver(e, true));
      el.addEventListener('dragover', (e) => this.#dragOver(e, true));
      el.addEventListener('dragleave', (e) => e.target === ui.drop && this.#dragOver(e, false));
      el.addEventListener('drop', (e) => this.#drop(e));
    }
    this.#draw();
    if (this.#pending !== null) this.#setText(this.#pending);
    this.#start();
  }

  /** The text being checked. */
  get value() {
    return this.#ui ? this.#text() : (this.#pending ?? '');
  }
  set value(text) {
    if (this.#ui) this.#setText(String(text ?? ''));
    else this.#pending = String(text ?? '');
  }
  /** The latest CheckResult, or null. */
  get result() {
    return this.#result;
  }
  /** The text `result` is for (the text area may have changed since: a check is pending). */
  get checkedText() {
    return this.#checkedText;
  }

  async #start() {
    try {
      await load();
      this.#rulesList = await loadRules();
      this.#rules = new Map(this.#rulesList.map((r) => [r.code, r]));
      this.#ui.rules.append(render.ruleList(this.#rulesList));
      this.#ready = true;
      this.#ui.status.textContent = '就绪';
      this.dataset.ready = '';
      if (this.#ui.text.value) this.#run();
    } catch (err) {
      console.error(err);
      this.#ui.status.textContent = '核查程序未能载入';
      this.#ui.verdict.replaceChildren(render.problem(`核查程序（WebAssembly）未能载入：${err?.message ?? err}。请使用较新版本的浏览器，并确认网站完整部署了 pkg/ 目录。`));
    }
  }

  /** Empties the text area and leaves a set of files. */
  #clear() {
    if (this.#set) this.#checkedText = null;
    this.#set = null;
    this.#fileName = null;
    this.#pdf = null;
    this.#setText('');
  }

  /** The text being checked: the text area's, or the whole of a large text it shows a window of. */
  #text() {
    return this.#big ? this.#big.text : this.#ui.text.value;
  }

  #setText(text) {
    const ta = this.#ui.text;
    this.#big = text.length >= BIG_TEXT ? { text, start: 0 } : null;
    ta.readOnly = !!this.#big;
    this.#ui.bigNote.hidden = !this.#big;
    ta.value = this.#big ? this.#window(0) : text;
    ta.setSelectionRange(0, 0);
    ta.scrollTop = 0;
    this.#problem = null;
    this.#run();
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
    const note = this.#ui.bigNote;
    note.hidden = false;
    note.textContent = `这份文字较大（${mb} MB，${total.toLocaleString('zh-CN')} 行）：为使页面保持流畅，下框只显示其中第 ${line(start).toLocaleString('zh-CN')}–${line(end).toLocaleString('zh-CN')} 行，只读；核查针对全文，点击问题时显示问题所在的一段。要修改，请修改原文件后重新载入，或清空后粘贴较短的文字。`;
    return text.slice(start, end);
  }

  /** A paste of a large text: kept whole, not laid out in the text area at once (#window). */
  #paste(e) {
    const pasted = e.clipboardData?.getData('text/plain') ?? '';
    const ta = this.#ui.text;
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
    if (this.#set) this.#checkedText = null;
    this.#set = null;
    this.#fileName = null;
    this.#setText(text);
  }

  /** Checks at once after a paste or a large change, else after a pause in typing. */
  #schedule() {
    clearTimeout(this.#timer);
    this.#problem = null;
    this.#note = '';
    if (this.#big) {
      // a large text's window is read-only; a script that set the text area's value takes it whole
      this.#big = null;
      this.#ui.text.readOnly = false;
      this.#ui.bigNote.hidden = true;
    }
    const text = this.#ui.text.value;
    const prev = this.#checkedText ?? '';
    const big = Math.abs(text.length - prev.length) > 200 || !prev;
    const delay = big ? 0 : Math.min(150 + text.length / 20000, 1500);
    this.#timer = setTimeout(() => this.#run(), delay);
  }

  /**
   * Checks the text area's text. A long text (OFF_THREAD_MIN, one report's, not a set's) goes
   * to the worker (nianbao.js checkOffThread) while the page shows 正在核查… and stays
   * responsive; a newer edit supersedes it (the worker is terminated, and a result that still
   * comes for an older text is dropped by its generation). Short texts are checked at once.
   */
  #run() {
    clearTimeout(this.#timer);
    if (!this.#ready) return; // #start runs it when the core is there
    if (this.#batchRunning) this.#cancelBatch(false); // a text typed, pasted or loaded meanwhile wins
    const text = this.#text();
    const generation = ++this.#generation;
    cancelCheck(); // a check still running is of an older text
    delete this.dataset.busy;
    if (text === this.#checkedText && this.#result) {
      const status = this.#ui.status;
      if (status.textContent === '正在核查…') status.textContent = '已核查';
      status.textContent += this.#note;
      this.#note = '';
      return;
    }
    const t0 = performance.now();
    if (!this.#set && this.#pdf && this.#pdf.text === text) {
      this.#apply(text, this.#pdf.result, performance.now() - t0, 'pdf'); // checked when read, with pages and boxes
      return;
    }
    this.#hidePdf();
    const done = ({ result, engine }) => generation === this.#generation && this.#apply(text, result, performance.now() - t0, engine);
    const failed = (err) => generation === this.#generation && err.name !== 'AbortError' && this.#failed(err);
    const set = this.#set;
    if (set) {
      // a set: the shown report is one of them; an edit re-checks the set (continuity) in the worker
      const entry = set.entries[set.current];
      if (entry.text === text && set.results && !set.stale) return this.#apply(text, set.results[set.current], performance.now() - t0, this.dataset.engine ?? 'main');
      entry.text = text;
      set.stale = true;
      this.#busy(true);
      checkManyOffThread(set.entries).then(({ result, engine }) => {
        if (generation !== this.#generation || set !== this.#set) return;
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
    if (on) {
      this.#ui.status.textContent = batch ? '正在读取文件…' : '正在核查…';
      this.dataset.busy = '';
    } else delete this.dataset.busy;
    this.#ui.cancel.hidden = !(on && batch);
  }

  #failed(err) {
    console.error(err);
    this.#busy(false);
    this.#ui.status.textContent = '核查出错';
    this.#ui.verdict.replaceChildren(render.problem(`核查时出错：${err?.message ?? err}`));
  }

  /** Shows `result`, the CheckResult of `text`, checked in `ms` on the `engine` thread. */
  #apply(text, result, ms, engine) {
    this.#busy(false);
    this.dataset.engine = engine;
    const before = this.#selected ? this.#items[this.#selected - 1] : null;
    const keep = before ? result.findings.findIndex((f) => key(f) === key(before)) : -1;
    this.#selected = keep >= 0 ? keep + 1 : null;
    this.#result = result;
    this.#items = result.status === 'checked' ? result.findings.map((f, i) => ({ ...f, index: i + 1 })) : [];
    this.#checkedText = text;
    this.#ui.status.textContent = (result.status === 'checked' ? `已核查 · 用时 ${ms < 1 ? '不到 1' : Math.round(ms)} 毫秒` : '') + this.#note;
    this.#note = '';
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
    const r = this.#result;
    const file = this.#set ? `${this.#set.entries[this.#set.current].name}：` : '';
    if (this.#problem) return `无法读取：${this.#problem}`;
    if (!r) return '';
    if (r.status !== 'checked') return `${file}未核查：${r.message}`;
    const { errors, warnings, infos } = r.summary;
    const n = r.findings.length;
    return `${file}核查完成，${errors ? '未通过' : '通过'}：${errors} 个错误，${warnings} 个警告，${infos} 个提示，共 ${n} 条问题${n ? '，列在“发现的问题”表中' : ''}。`;
  }

  /** Says `text` to a screen reader (a polite live region; the same text twice is said twice). */
  #say(text) {
    const el = this.#ui.announce;
    el.textContent = '';
    if (text) requestAnimationFrame(() => (el.textContent = text));
  }

  /** Shows report `i` of the set in the single-report view. */
  #show(i) {
    const set = this.#set;
    if (!set || set.entries[i]?.text == null) return;
    set.current = i;
    this.#selected = null;
    this.#checkedText = null; // redraw even when two files hold the same text
    this.#setText(set.entries[i].text);
    this.#ui.status.textContent += ` · 第 ${i + 1} / ${set.entries.length} 个文件“${set.entries[i].name}”`;
  }

  #draw() {
    const ui = this.#ui;
    const result = this.#result;
    const set = this.#set;
    const focused = this.shadowRoot.activeElement?.dataset?.key; // drawn anew below: focused again after
    ui.summary.hidden = !set?.results;
    if (set?.results) ui.summary.lastElementChild.replaceWith(render.summary({ results: set.results, current: set.current }, { show: (i) => this.#show(i) }));
    ui.detailTitle.hidden = !set?.results;
    ui.detailTitle.textContent = set ? `报告详情：${set.entries[set.current].name}` : '';
    ui.actions.hidden = !(set?.results || result?.status === 'checked');
    ui.actions.querySelector('.print-all').hidden = !set?.results;
    ui.actions.querySelector('.print-sheet').disabled = result?.status !== 'checked';
    ui.verdict.replaceChildren(this.#problem ? render.problem(this.#problem) : render.verdict(result));
    const report = result?.status === 'checked' ? result.report : null;
    ui.facts.replaceChildren(render.facts(report));
    this.#drawFindings();
    this.dataset.status = this.#problem ? 'unreadable' : (result?.status ?? '');
    if (focused && !this.shadowRoot.activeElement) this.shadowRoot.querySelector(`[data-key="${CSS.escape(focused)}"]`)?.focus({ preventScroll: true });
  }

  #drawFindings() {
    const ui = this.#ui;
    const result = this.#result;
    const list = this.#items;
    const selected = this.#selected ? list[this.#selected - 1] : null;
    // what has the keyboard focus is drawn anew: the new one of it gets the focus back (data-key)
    const focused = this.shadowRoot.activeElement?.dataset?.key;
    const on = {
      select: (f, how = {}) => this.#select(f.index === this.#selected ? null : f, how),
      place: (at) => {
        if (!at) return;
        this.#highlight(at.start_utf16, at.end_utf16);
        this.#showPdf(at);
      },
      text: (f) => this.#jumpToText(f),
      table: (f) => this.#jumpToTable(f),
      sort: (k) => {
        this.#sort = { key: k, dir: this.#sort.key === k && this.#sort.dir === 'asc' ? 'desc' : 'asc' };
        this.#drawFindings();
      },
      severity: (sev, on) => {
        on ? this.#severities.add(sev) : this.#severities.delete(sev);
        this.#drawFindings();
      },
      rule: (code) => {
        this.#rule = code;
        this.#drawFindings();
      },
      cell: (cell, fs, how = {}) => {
        if (fs.length) this.#select(fs.find((f) => f.index !== this.#selected) ?? fs[0], how);
        else if (cell.place) {
          this.#highlight(cell.place.start_utf16, cell.place.end_utf16);
          this.#showPdf(cell.place);
        }
      },
      back: () => this.#goBack(),
    };
    const view = { findings: list, rules: this.#rules, sort: this.#sort, severities: this.#severities, rule: list.some((f) => f.code === this.#rule) ? this.#rule : '', selected: this.#selected };
    ui.findings.replaceChildren(result?.status === 'checked' && !list.length ? h('p', { class: 'none' }, '没有发现问题。') : render.findings(view, on));
    ui.grids.replaceChildren(result?.status === 'checked' ? render.grids(result.report, render.cellIndex(list), selected, on) : h('div'));
    ui.findings.previousElementSibling.hidden = result?.status !== 'checked';
    ui.grids.previousElementSibling.hidden = !(result?.status === 'checked' && result.report?.grids?.length);
    if (focused) this.shadowRoot.querySelector(`[data-key="${CSS.escape(focused)}"]`)?.focus({ preventScroll: true });
  }

  /**
   * Selects finding `f` (null: none): its row opens with the rule's explanation, its cells are
   * marked in the redrawn table, its place is selected in the text. A click moves the focus to
   * the text (as before); from the keyboard (`how.keyboard`) the focus stays where it is, and the
   * finding and its place are said to a screen reader; 在原文中定位 and 在表格中定位 jump there.
   */
  #select(f, how = {}) {
    this.#selected = f ? f.index : null;
    this.#drawFindings();
    if (!f) return;
    this.#highlight(f.start_utf16, f.end_utf16, { focus: !how.keyboard });
    this.#ui.findings.querySelector('tr.finding.selected')?.scrollIntoView({ block: 'nearest' });
    this.#showPdf(f);
    if (how.keyboard) {
      const sev = render.SEVERITY[f.severity]?.label ?? f.severity;
      this.#say(`第 ${f.index} 条，${sev}，${f.code}：${f.message}${f.expected != null ? `，应为 ${f.expected}，实为 ${f.found ?? ''}` : ''}。位置：${render.place(f).join('，') || '全文'}。`);
    }
  }

  /** 在原文中定位: the finding's place selected in the text area, which gets the focus (Esc comes back). */
  #jumpToText(f) {
    this.#back = `f-${f.index}`;
    this.#highlight(f.start_utf16, f.end_utf16);
    this.#say(`已在原文中选中第 ${f.index} 条问题的位置${f.line ? `（第 ${f.line} 行）` : ''}，按 Esc 返回问题列表`);
  }

  /** 在表格中定位: the focus to the finding's first cell in the redrawn table (Esc comes back). */
  #jumpToTable(f) {
    const c = f.cells?.[0];
    const td = c && this.#ui.grids.querySelector(`td[data-key="c-${c.table}-${c.row}-${c.column}"]`);
    if (!td) return;
    this.#back = `f-${f.index}`;
    td.focus({ preventScroll: true });
    td.scrollIntoView({ block: 'center', inline: 'nearest' });
  }

  /** A PDF's result shown: draws the page of `place` ({page, box}) with its box marked. */
  #showPdf(place) {
    const pdf = this.#pdf;
    if (!pdf || this.#set || pdf.text !== this.#checkedText || !place?.page) return;
    pdf.view.show(this.#ui.pdfPage, place).catch((err) => console.error(err));
  }

  #hidePdf() {
    this.#ui.pdfPage.hidden = true;
    this.#ui.pdfPage.replaceChildren();
  }

  /** Esc in the text or the table: back to the finding row the jump came from. */
  #goBack() {
    const row = this.#back && this.#ui.findings.querySelector(`[data-key="${this.#back}"]`);
    if (!row) return;
    row.focus({ preventScroll: true });
    row.scrollIntoView({ block: 'nearest' });
  }

  /**
   * Selects characters start..end (UTF-16 offsets in the whole text) of the text area and scrolls
   * them into view; the text area gets the focus unless `focus` is false. A large text's window
   * moves there first.
   */
  #highlight(start, end, { focus = true } = {}) {
    const ta = this.#ui.text;
    if (start == null) return;
    if (this.#big) {
      const big = this.#big;
      if (start < big.start || start >= big.end) ta.value = this.#window(start);
      start -= big.start;
      end = end == null ? end : end - big.start;
    }
    const a = Math.min(start, ta.value.length);
    const b = Math.min(Math.max(end ?? a, a), ta.value.length);
    if (focus) ta.focus({ preventScroll: true });
    ta.setSelectionRange(a, b === a ? Math.min(a + 1, ta.value.length) : b);
    ta.scrollTop = Math.max(0, caretTop(ta, a) - ta.clientHeight / 3);
    const box = ta.getBoundingClientRect();
    if (focus && (box.top < 0 || box.bottom > innerHeight)) ta.scrollIntoView({ block: 'nearest' });
  }

  /**
   * One file: today's single report. Several: read and checked in the worker (nianbao.js
   * checkFiles), 已核查 k/n 份 as they go, 取消 stops them; then the summary and the first
   * readable report's details.
   */
  async #openFiles(files) {
    this.#ui.file.value = '';
    if (files.length === 1) return this.#openFile(files[0]);
    const batch = ++this.#batch;
    this.#batchRunning = true;
    this.#busy(true, true);
    this.#ui.status.textContent = `正在读取和核查 ${files.length} 个文件…`;
    let got;
    try {
      got = await checkFiles(files, ({ done, total }) => batch === this.#batch && (this.#ui.status.textContent = `已核查 ${done}/${total} 份`));
    } catch (err) {
      if (batch !== this.#batch || err.name === 'AbortError') return;
      this.#batchRunning = false;
      return this.#failed(err);
    }
    if (batch !== this.#batch) return;
    this.#batchRunning = false;
    const { entries, results } = got.result;
    this.dataset.engine = got.engine;
    const first = entries.findIndex((e) => e.text != null);
    this.#set = { entries, results, current: Math.max(first, 0) };
    this.#fileName = null;
    this.#selected = null;
    if (first < 0) {
      // nothing readable: the summary says why for each file
      this.#busy(false);
      this.#result = null;
      this.#problem = '所选文件都无法读取，原因见汇总表';
      this.#big = null;
      this.#ui.text.value = '';
      this.#checkedText = null;
      this.#draw();
      this.#ui.status.textContent = `已读取 ${entries.length} 个文件`;
      this.#say(this.#verdictLine());
      return;
    }
    this.#pdf = null;
    this.#checkedText = null; // a new set: draw it even when its first text is the one shown
    this.#setText(entries[first].text);
    this.#ui.status.textContent += ` · 已核查 ${entries.length} 个文件`;
  }

  /** 取消: stops the batch being read and checked; the page stays as it was before it. */
  #cancelBatch(say = true) {
    this.#batch++;
    this.#batchRunning = false;
    cancelBatch();
    this.#busy(false);
    if (!say) return;
    this.#ui.status.textContent = '已取消批量核查';
    this.#say('已取消批量核查');
  }

  async #openFile(file) {
    this.#ui.file.value = '';
    try {
      const { text, encoding, pdf } = await readFile(file);
      if (this.#set || pdf || this.#pdf) this.#checkedText = null; // leaving a set or a PDF: redraw even for the same text
      this.#set = null;
      this.#fileName = file.name;
      this.#pdf = pdf ? { text, ...pdf } : null;
      this.#note = ` · 已读取“${file.name}”${encoding ? `（${encoding}）` : ''}${pdf ? '（PDF，表格按页面版式读出）' : ''}`; // after the result, also one from the worker
      this.#setText(text);
    } catch (err) {
      this.#problem = err.message;
      this.#draw();
    }
  }

  async #loadSample() {
    const url = this.getAttribute('sample') ? new URL(this.getAttribute('sample'), document.baseURI) : assets.sample();
    try {
      let text = url;
      if (url instanceof URL) {
        const res = await fetch(url);
        if (!res.ok) throw new Error(res.status);
        text = await res.text();
      }
      if (this.#set) this.#checkedText = null;
      this.#set = null;
      this.#fileName = null;
      this.#pdf = null;
      this.#setText(text);
    } catch {
      this.#problem = '示例报告未能载入';
      this.#draw();
    }
  }

  #dragOver(e, on) {
    if (![...(e.dataTransfer?.types ?? [])].includes('Files')) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
    this.#ui.input.classList.toggle('dragging', on);
  }

  #drop(e) {
    this.#ui.input.classList.remove('dragging');
    const files = [...(e.dataTransfer?.files ?? [])];
    if (!files.length) return; // dropped text: the text area inserts it, and its input event checks it
    e.preventDefault();
    this.#openFiles(files);
  }

  // ---------------------------------------------------------------- exports and printing

  /** The files the exports are of: the set, or the one report as [{name, text}]. */
  #exportEntries() {
    if (this.#set) return this.#set.entries;
    return [{ name: this.#fileName ?? '粘贴的文字', text: this.#checkedText ?? '' }];
  }

  /** A file name for an export: 年报核查结果 (set), or with the agency and year of one report. */
  #exportName(ext) {
    const rep = !this.#set && this.#result?.report;
    const base = rep ? ['年报核查', rep.agency, rep.year].filter((x) => x != null && x !== '').join('-') : '年报核查结果';
    return `${base.replace(/[\\/:*?"<>|\s]+/g, '_')}.${ext}`;
  }

  /** 导出 CSV / 导出 JSON: built in the worker (nianbao.js exportBlob), then saved. */
  async #export(kind) {
    const status = this.#ui.status;
    const was = status.textContent;
    status.textContent = `正在生成 ${kind.toUpperCase()}…`;
    try {
      const { result: blob } = await exportBlob(kind, this.#exportEntries());
      this.#download(this.#exportName(kind), blob);
      status.textContent = was;
      this.#say(`已生成 ${this.#exportName(kind)}`);
    } catch (err) {
      if (err.name !== 'AbortError') this.#failed(err);
    }
  }

  /** Saves `content` as a file through a Blob and an object URL: nothing is sent anywhere. */
  #download(name, blob) {
    const url = URL.createObjectURL(blob);
    const a = h('a', { href: url, download: name, hidden: true });
    this.shadowRoot.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
  }

  /** The print view of the review sheets (the current report's, or every checked one's), then print(). */
  #print(all) {
    const set = this.#set;
    const items = all && set?.results ? set.results.filter((r) => r.status === 'checked') : set?.results ? [set.results[set.current]] : [{ ...this.#result, file: this.#fileName ?? '' }];
    if (!items.length || items[0].status !== 'checked') return;
    const ui = this.#ui;
    const close = () => {
      ui.print.hidden = true;
      ui.print.replaceChildren();
      this.shadowRoot.querySelector('.nb').classList.remove('printing');
      delete document.documentElement.dataset.nianbaoPrinting;
      ui.actions.querySelector(all ? '.print-all' : '.print-sheet').focus(); // back where the keyboard was
    };
    ui.print.replaceChildren(
      h(
        'div',
        { class: 'print-bar' },
        h('strong', {}, `审核意见单（${items.length} 份）`),
        h('button', { type: 'button', class: 'btn print-again', onclick: () => window.print() }, '打印'),
        h('button', { type: 'button', class: 'btn print-close', onclick: close }, '返回'),
        h('span', { class: 'print-hint' }, '打印时只输出下面的审核意见单，每份报告一页起'),
      ),
      ...items.map((r) => render.sheet(r)),
    );
    ui.print.hidden = false;
    this.shadowRoot.querySelector('.nb').classList.add('printing');
    document.documentElement.dataset.nianbaoPrinting = '';
    window.scrollTo(0, 0);
    ui.print.querySelector('.print-again').focus({ preventScroll: true });
    window.print();
  }
}

/** The element's stylesheet: a <link> to style.css, or (single-file edition) a <style> with its text. */
function stylesheet() {
  const css = assets.style();
  return css instanceof URL ? h('link', { rel: 'stylesheet', href: css.href }) : h('style', {}, css);
}

/** The number (1-based) of the line character `pos` of `text` is on. */
function countLines(text, pos) {
  let n = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < pos; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** A finding's identity across checks (to keep it selected while the user edits). */
function key(f) {
  return `${f.code}|${f.table}|${f.row}|${f.column}|${f.message}`;
}

/** The y offset (px, within the text) of character `pos` in a text area, wrapping included. */
function caretTop(ta, pos) {
  const cs = getComputedStyle(ta);
  const mirror = document.createElement('div');
  for (const p of ['fontFamily', 'fontSize', 'fontWeight', 'lineHeight', 'letterSpacing', 'tabSize', 'paddingTop', 'paddingLeft', 'paddingRight', 'wordBreak', 'overflowWrap']) mirror.style[p] = cs[p];
  Object.assign(mirror.style, { position: 'absolute', visibility: 'hidden', top: '0', left: '-10000px', whiteSpace: 'pre-wrap', boxSizing: 'content-box', width: `${ta.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight)}px` });
  mirror.textContent = ta.value.slice(0, pos);
  const mark = document.createElement('span');
  mark.textContent = '\u200b';
  mirror.append(mark);
  ta.parentNode.append(mirror);
  const top = mark.offsetTop;
  mirror.remove();
  return top;
}

if (!customElements.get('nianbao-checker')) customElements.define('nianbao-checker', NianbaoChecker);
