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

import { load, checkNow, checkManyNow, checkOffThread, cancelCheck, OFF_THREAD_MIN, toCsv, rules as loadRules, readFile } from './nianbao.js';
import * as render from './render.js';
import * as assets from './assets.js';

const h = render.h;
const ACCEPT = '.txt,.docx,.html,.htm,text/plain,text/html,application/vnd.openxmlformats-officedocument.wordprocessingml.document';

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

  connectedCallback() {
    if (this.#ui) return;
    const root = this.attachShadow({ mode: 'open' });
    const ui = (this.#ui = {});
    ui.text = h('textarea', {
      class: 'text',
      spellcheck: 'false',
      'aria-label': '年度报告全文',
      placeholder: '把政府信息公开工作年度报告的全部文字粘贴到这里，\n或把报告文件（.txt、.docx、.html）拖到这里。\n\n文字只在本机浏览器中核查，不会上传。',
      oninput: () => this.#schedule(),
    });
    ui.file = h('input', { type: 'file', accept: ACCEPT, multiple: true, class: 'file-input', onchange: (e) => e.target.files.length && this.#openFiles([...e.target.files]) });
    const sampleAttr = this.getAttribute('sample');
    ui.sample = sampleAttr === 'none' ? null : h('button', { type: 'button', class: 'btn sample', onclick: () => this.#loadSample() }, '载入示例');
    ui.status = h('span', { class: 'status', role: 'status', 'aria-live': 'polite' }, '正在载入核查程序…');
    ui.drop = h('div', { class: 'drop', 'aria-hidden': 'true' }, h('span', {}, '松开鼠标，读取文件'));
    ui.input = h(
      'section',
      { class: 'input', 'aria-label': '报告原文' },
      h(
        'div',
        { class: 'toolbar' },
        ui.sample,
        h('label', { class: 'btn file', title: '文本（.txt，UTF-8 或 GBK 编码）、Word（.docx）或网页（.html）' }, '选择文件', ui.file),
        h('button', { type: 'button', class: 'btn clear', onclick: () => this.#clear() }, '清空'),
        ui.status,
      ),
      h('div', { class: 'editor' }, ui.text, ui.drop),
      h('p', { class: 'dropzone' }, '也可以把报告文件拖放到这里或上面的文本框中：文本（.txt，UTF-8 或 GBK 编码）、Word（.docx）或网页（.html）；一次拖入多个文件可批量核查，并核对同一机关相邻年度的衔接'),
    );
    ui.summary = h('section', { class: 'summary-slot', 'aria-label': '批量核查汇总', hidden: true }, h('h2', { class: 'summary-title' }, '批量核查汇总'), h('div'));
    ui.detailTitle = h('h2', { class: 'detail-title', hidden: true });
    ui.actions = h(
      'div',
      { class: 'actions', hidden: true },
      h('button', { type: 'button', class: 'btn export-csv', title: '每个问题一行（UTF-8，Excel 可直接打开）', onclick: () => this.#exportCsv() }, '导出 CSV'),
      h('button', { type: 'button', class: 'btn export-json', title: '完整的核查结果（与命令行 --format json 相同）', onclick: () => this.#exportJson() }, '导出 JSON'),
      h('button', { type: 'button', class: 'btn print-sheet', onclick: () => this.#print(false) }, '打印审核意见单'),
      h('button', { type: 'button', class: 'btn print-all', hidden: true, onclick: () => this.#print(true) }, '打印全部审核意见单'),
    );
    ui.print = h('div', { class: 'print-view', hidden: true });
    ui.verdict = h('div', { class: 'verdict-slot', 'aria-live': 'polite' }, render.verdict(null));
    ui.facts = h('div', { class: 'facts-slot' });
    ui.findings = h('div', { class: 'findings-slot' });
    ui.grids = h('div', { class: 'grids-slot' });
    ui.rules = h('details', { class: 'rules' }, h('summary', {}, '全部规则说明'));
    root.append(
      stylesheet(),
      h(
        'div',
        { class: 'nb' },
        h('header', { class: 'head' }, h('h1', {}, '年报核查'), h('p', {}, '政府信息公开工作年度报告核查 · 文字只在本机浏览器中处理，不会上传')),
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
            h('h2', { class: 'grids-title' }, '读出的表格'),
            ui.grids,
            ui.rules,
          ),
        ),
        ui.print,
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
    return this.#ui ? this.#ui.text.value : (this.#pending ?? '');
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
    this.#setText('');
  }

  #setText(text) {
    const ta = this.#ui.text;
    ta.value = text;
    ta.setSelectionRange(0, 0);
    ta.scrollTop = 0;
    this.#problem = null;
    this.#run();
  }

  /** Checks at once after a paste or a large change, else after a pause in typing. */
  #schedule() {
    clearTimeout(this.#timer);
    this.#problem = null;
    this.#note = '';
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
    const text = this.#ui.text.value;
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
    if (!this.#set && text.length >= OFF_THREAD_MIN) {
      this.#ui.status.textContent = '正在核查…';
      this.dataset.busy = '';
      checkOffThread(text).then(
        ({ result, engine }) => generation === this.#generation && this.#apply(text, result, performance.now() - t0, engine),
        (err) => generation === this.#generation && err.name !== 'AbortError' && this.#failed(err),
      );
      return;
    }
    let result;
    try {
      result = this.#set ? this.#checkSet(text) : checkNow(text);
    } catch (err) {
      this.#failed(err);
      return;
    }
    this.#apply(text, result, performance.now() - t0, 'main');
  }

  #failed(err) {
    console.error(err);
    delete this.dataset.busy;
    this.#ui.status.textContent = '核查出错';
    this.#ui.verdict.replaceChildren(render.problem(`核查时出错：${err?.message ?? err}`));
  }

  /** Shows `result`, the CheckResult of `text`, checked in `ms` on the `engine` thread. */
  #apply(text, result, ms, engine) {
    delete this.dataset.busy;
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
    if (this.#firstResult && result.status === 'checked') {
      this.#firstResult = false;
      performance.mark?.('nianbao:first-result');
    }
    this.dispatchEvent(new CustomEvent('nianbao-result', { detail: result, bubbles: true, composed: true }));
  }

  /** In a set: the current report's text is `text`; checks the set (again if a text changed). */
  #checkSet(text) {
    const set = this.#set;
    const entry = set.entries[set.current];
    if (entry.text !== text || !set.results) {
      entry.text = text;
      set.results = checkManyNow(set.entries);
    }
    return set.results[set.current];
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
  }

  #drawFindings() {
    const ui = this.#ui;
    const result = this.#result;
    const list = this.#items;
    const selected = this.#selected ? list[this.#selected - 1] : null;
    const on = {
      select: (f) => this.#select(f.index === this.#selected ? null : f),
      place: (at) => at && this.#highlight(at.start_utf16, at.end_utf16),
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
      cell: (cell, fs) => {
        if (fs.length) this.#select(fs.find((f) => f.index !== this.#selected) ?? fs[0]);
        else if (cell.place) this.#highlight(cell.place.start_utf16, cell.place.end_utf16);
      },
    };
    const view = { findings: list, rules: this.#rules, sort: this.#sort, severities: this.#severities, rule: list.some((f) => f.code === this.#rule) ? this.#rule : '', selected: this.#selected };
    ui.findings.replaceChildren(result?.status === 'checked' && !list.length ? h('p', { class: 'none' }, '没有发现问题。') : render.findings(view, on));
    ui.grids.replaceChildren(result?.status === 'checked' ? render.grids(result.report, render.cellIndex(list), selected, on) : h('div'));
    ui.findings.previousElementSibling.hidden = result?.status !== 'checked';
    ui.grids.previousElementSibling.hidden = !(result?.status === 'checked' && result.report?.grids?.length);
  }

  #select(f) {
    this.#selected = f ? f.index : null;
    this.#drawFindings();
    if (f) {
      this.#highlight(f.start_utf16, f.end_utf16);
      this.#ui.findings.querySelector('tr.finding.selected')?.scrollIntoView({ block: 'nearest' });
    }
  }

  /** Selects characters start..end (UTF-16 offsets) of the text area and scrolls them into view. */
  #highlight(start, end) {
    const ta = this.#ui.text;
    if (start == null) return;
    const a = Math.min(start, ta.value.length);
    const b = Math.min(Math.max(end ?? a, a), ta.value.length);
    ta.focus({ preventScroll: true });
    ta.setSelectionRange(a, b === a ? Math.min(a + 1, ta.value.length) : b);
    ta.scrollTop = Math.max(0, caretTop(ta, a) - ta.clientHeight / 3);
    const box = ta.getBoundingClientRect();
    if (box.top < 0 || box.bottom > innerHeight) ta.scrollIntoView({ block: 'nearest' });
  }

  /** One file: today's single report. Several: read them all, check them as a set. */
  async #openFiles(files) {
    this.#ui.file.value = '';
    if (files.length === 1) return this.#openFile(files[0]);
    this.#ui.status.textContent = `正在读取 ${files.length} 个文件…`;
    const entries = await Promise.all(
      files.map(async (file) => {
        try {
          const { text, encoding } = await readFile(file);
          return { name: file.name, text, encoding };
        } catch (err) {
          return { name: file.name, status: err.status ?? 'binary', error: err.code ?? null, message: err.message };
        }
      }),
    );
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const first = entries.findIndex((e) => e.text != null);
    this.#set = { entries, results: null, current: Math.max(first, 0) };
    this.#fileName = null;
    this.#selected = null;
    if (first < 0) {
      // nothing readable: the summary says why for each file
      this.#set.results = checkManyNow(entries);
      this.#result = null;
      this.#problem = '所选文件都无法读取，原因见汇总表';
      this.#ui.text.value = '';
      this.#checkedText = null;
      this.#draw();
      return;
    }
    this.#checkedText = null; // a new set: check it even when its first text is the one shown
    this.#setText(entries[first].text);
    this.#ui.status.textContent += ` · 已读取 ${entries.length} 个文件`;
  }

  async #openFile(file) {
    this.#ui.file.value = '';
    try {
      const { text, encoding } = await readFile(file);
      if (this.#set) this.#checkedText = null; // leaving a set: redraw even for the same text
      this.#set = null;
      this.#fileName = file.name;
      this.#note = ` · 已读取“${file.name}”${encoding ? `（${encoding}）` : ''}`; // after the result, also one from the worker
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

  async #exportCsv() {
    this.#download(this.#exportName('csv'), 'text/csv;charset=utf-8', await toCsv(this.#exportEntries()));
  }

  #exportJson() {
    const results = this.#set?.results ?? checkManyNow(this.#exportEntries());
    this.#download(this.#exportName('json'), 'application/json;charset=utf-8', `${JSON.stringify(results, null, 2)}\n`);
  }

  /** Saves `content` as a file through a Blob and an object URL: nothing is sent anywhere. */
  #download(name, type, content) {
    const url = URL.createObjectURL(new Blob([content], { type }));
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
    window.print();
  }
}

/** The element's stylesheet: a <link> to style.css, or (single-file edition) a <style> with its text. */
function stylesheet() {
  const css = assets.style();
  return css instanceof URL ? h('link', { rel: 'stylesheet', href: css.href }) : h('style', {}, css);
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
