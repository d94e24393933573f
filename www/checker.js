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

import { load, checkNow, rules as loadRules, readFile } from './nianbao.js';
import * as render from './render.js';

const h = render.h;
const STYLE = new URL('./style.css', import.meta.url);
const SAMPLE = new URL('./sample.txt', import.meta.url);
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
    ui.file = h('input', { type: 'file', accept: ACCEPT, class: 'file-input', onchange: (e) => e.target.files[0] && this.#openFile(e.target.files[0]) });
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
        h('button', { type: 'button', class: 'btn clear', onclick: () => this.#setText('') }, '清空'),
        ui.status,
      ),
      h('div', { class: 'editor' }, ui.text, ui.drop),
      h('p', { class: 'dropzone' }, '也可以把报告文件拖放到这里或上面的文本框中：文本（.txt，UTF-8 或 GBK 编码）、Word（.docx）或网页（.html）'),
    );
    ui.verdict = h('div', { class: 'verdict-slot', 'aria-live': 'polite' }, render.verdict(null));
    ui.facts = h('div', { class: 'facts-slot' });
    ui.findings = h('div', { class: 'findings-slot' });
    ui.grids = h('div', { class: 'grids-slot' });
    ui.rules = h('details', { class: 'rules' }, h('summary', {}, '全部规则说明'));
    root.append(
      h('link', { rel: 'stylesheet', href: STYLE.href }),
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
            ui.verdict,
            ui.facts,
            h('h2', { class: 'findings-title' }, '发现的问题'),
            ui.findings,
            h('h2', { class: 'grids-title' }, '读出的表格'),
            ui.grids,
            ui.rules,
          ),
        ),
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
    const text = this.#ui.text.value;
    const prev = this.#checkedText ?? '';
    const big = Math.abs(text.length - prev.length) > 200 || !prev;
    const delay = big ? 0 : Math.min(150 + text.length / 20000, 1500);
    this.#timer = setTimeout(() => this.#run(), delay);
  }

  #run() {
    clearTimeout(this.#timer);
    if (!this.#ready) return; // #start runs it when the core is there
    const text = this.#ui.text.value;
    if (text === this.#checkedText && this.#result) return;
    const t0 = performance.now();
    let result;
    try {
      result = checkNow(text);
    } catch (err) {
      console.error(err);
      this.#ui.status.textContent = '核查出错';
      this.#ui.verdict.replaceChildren(render.problem(`核查时出错：${err?.message ?? err}`));
      return;
    }
    const ms = performance.now() - t0;
    const before = this.#selected ? this.#items[this.#selected - 1] : null;
    const keep = before ? result.findings.findIndex((f) => key(f) === key(before)) : -1;
    this.#selected = keep >= 0 ? keep + 1 : null;
    this.#result = result;
    this.#items = result.status === 'checked' ? result.findings.map((f, i) => ({ ...f, index: i + 1 })) : [];
    this.#checkedText = text;
    this.#ui.status.textContent = result.status === 'checked' ? `已核查 · 用时 ${ms < 1 ? '不到 1' : Math.round(ms)} 毫秒` : '';
    this.#draw();
    if (this.#firstResult && result.status === 'checked') {
      this.#firstResult = false;
      performance.mark?.('nianbao:first-result');
    }
    this.dispatchEvent(new CustomEvent('nianbao-result', { detail: result, bubbles: true, composed: true }));
  }

  #draw() {
    const ui = this.#ui;
    const result = this.#result;
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

  async #openFile(file) {
    this.#ui.file.value = '';
    try {
      const { text, encoding } = await readFile(file);
      this.#setText(text);
      this.#ui.status.textContent += ` · 已读取“${file.name}”${encoding ? `（${encoding}）` : ''}`;
    } catch (err) {
      this.#problem = err.message;
      this.#draw();
    }
  }

  async #loadSample() {
    const url = this.getAttribute('sample') ? new URL(this.getAttribute('sample'), document.baseURI) : SAMPLE;
    try {
      const res = await fetch(url);
      if (!res.ok) throw new Error(res.status);
      this.#setText(await res.text());
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
    const file = e.dataTransfer?.files?.[0];
    if (!file) return; // dropped text: the text area inserts it, and its input event checks it
    e.preventDefault();
    this.#openFile(file);
  }
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
