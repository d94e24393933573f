// <nianbao-checker>'s results (checker.js): the summary of a set of files, the verdict, the report's
// facts, the findings table with its filters and sorting, the redrawn tables, a PDF's page, the
// rules; and the way from a finding to its place: selected in the text, its cells in the table,
// its box on the PDF page, and back (Esc). The DOM is built by render.js.

import * as render from './render.js';

const h = render.h;

/** The results part of the element; `c` is the element's shared context (checker.js). */
export class Results {
  #c;
  #rules = new Map();
  #items = []; // the result's findings, each with its 1-based `index` (序号)
  #sort = { key: 'index', dir: 'asc' };
  #severities = new Set(['error', 'warning', 'info']);
  #rule = '';
  #selected = null; // a finding's index
  #back = null; // the data-key of the finding row a jump to the text or the table came from (Esc returns)

  constructor(c) {
    this.#c = c;
    const ui = c.ui;
    ui.summary = h('section', { class: 'summary-slot', 'aria-label': '批量核查汇总', hidden: true }, h('h2', { class: 'summary-title' }, '批量核查汇总'), h('div'));
    ui.detailTitle = h('h2', { class: 'detail-title', hidden: true });
    ui.verdict = h('div', { class: 'verdict-slot', 'aria-live': 'polite' }, render.verdict(null));
    ui.facts = h('div', { class: 'facts-slot' });
    ui.findings = h('div', { class: 'findings-slot' });
    ui.grids = h('div', { class: 'grids-slot' });
    ui.pdfPage = h('div', { class: 'pdf-view', hidden: true, 'aria-label': 'PDF 原页' });
    ui.rules = h('details', { class: 'rules' }, h('summary', {}, '全部规则说明'));
  }

  /** The core's rules (nianbao.js rules()): explained in the findings and listed under 全部规则说明. */
  setRules(list) {
    this.#rules = new Map(list.map((r) => [r.code, r]));
    this.#c.ui.rules.append(render.ruleList(list));
  }

  /** A new result: its findings numbered, the one selected before kept selected when it is still there. */
  take(result) {
    const before = this.#selected ? this.#items[this.#selected - 1] : null;
    const keep = before ? result.findings.findIndex((f) => key(f) === key(before)) : -1;
    this.#selected = keep >= 0 ? keep + 1 : null;
    this.#items = result.status === 'checked' ? result.findings.map((f, i) => ({ ...f, index: i + 1 })) : [];
  }

  /** No finding selected (another report shown). */
  unselect() {
    this.#selected = null;
  }

  /** Draws the summary of a set, the verdict, the facts and the findings of the current result. */
  draw() {
    const c = this.#c;
    const ui = c.ui;
    const { result, set } = c;
    ui.summary.hidden = !set?.results;
    if (set?.results) ui.summary.lastElementChild.replaceWith(render.summary({ results: set.results, current: set.current }, { show: (i) => this.#show(i) }));
    ui.detailTitle.hidden = !set?.results;
    ui.detailTitle.textContent = set ? `报告详情：${set.entries[set.current].name}` : '';
    ui.verdict.replaceChildren(c.problem ? render.problem(c.problem) : render.verdict(result));
    const report = result?.status === 'checked' ? result.report : null;
    ui.facts.replaceChildren(render.facts(report, c.format));
    this.#drawFindings();
  }

  /** Shows report `i` of the set in the single-report view. */
  #show(i) {
    const c = this.#c;
    const set = c.set;
    if (!set || set.entries[i]?.text == null) return;
    set.current = i;
    this.#selected = null;
    c.checkedText = null; // redraw even when two files hold the same text
    c.input.setText(set.entries[i].text);
    c.ui.status.textContent += ` · 第 ${i + 1} / ${set.entries.length} 个文件“${set.entries[i].name}”`;
  }

  #drawFindings() {
    const c = this.#c;
    const ui = c.ui;
    const result = c.result;
    const list = this.#items;
    const selected = this.#selected ? list[this.#selected - 1] : null;
    // what has the keyboard focus is drawn anew: the new one of it gets the focus back (data-key)
    const focused = c.root.activeElement?.dataset?.key;
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
      back: () => this.goBack(),
    };
    const view = { findings: list, rules: this.#rules, sort: this.#sort, severities: this.#severities, rule: list.some((f) => f.code === this.#rule) ? this.#rule : '', selected: this.#selected };
    ui.findings.replaceChildren(result?.status === 'checked' && !list.length ? h('p', { class: 'none' }, '没有发现问题。') : render.findings(view, on));
    ui.grids.replaceChildren(result?.status === 'checked' ? render.grids(result.report, render.cellIndex(list), selected, on) : h('div'));
    ui.findings.previousElementSibling.hidden = result?.status !== 'checked';
    ui.grids.previousElementSibling.hidden = !(result?.status === 'checked' && result.report?.grids?.length);
    if (focused) c.root.querySelector(`[data-key="${CSS.escape(focused)}"]`)?.focus({ preventScroll: true });
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
    this.#c.ui.findings.querySelector('tr.finding.selected')?.scrollIntoView({ block: 'nearest' });
    this.#showPdf(f);
    if (how.keyboard) {
      const sev = render.SEVERITY[f.severity]?.label ?? f.severity;
      this.#c.say(`第 ${f.index} 条，${sev}，${f.code}：${f.message}${f.expected != null ? `，应为 ${f.expected}，实为 ${f.found ?? ''}` : ''}。位置：${render.place(f).join('，') || '全文'}。`);
    }
  }

  /** 在原文中定位: the finding's place selected in the text area, which gets the focus (Esc comes back). */
  #jumpToText(f) {
    this.#back = `f-${f.index}`;
    this.#highlight(f.start_utf16, f.end_utf16);
    this.#c.say(`已在原文中选中第 ${f.index} 条问题的位置${f.line ? `（第 ${f.line} 行）` : ''}，按 Esc 返回问题列表`);
  }

  /** 在表格中定位: the focus to the finding's first cell in the redrawn table (Esc comes back). */
  #jumpToTable(f) {
    const cell = f.cells?.[0];
    const td = cell && this.#c.ui.grids.querySelector(`td[data-key="c-${cell.table}-${cell.row}-${cell.column}"]`);
    if (!td) return;
    this.#back = `f-${f.index}`;
    td.focus({ preventScroll: true });
    td.scrollIntoView({ block: 'center', inline: 'nearest' });
  }

  /** A PDF's result shown: draws the page of `place` ({page, box}) with its box marked. */
  #showPdf(place) {
    const c = this.#c;
    const pdf = c.pdf;
    if (!pdf || c.set || pdf.text !== c.checkedText || !place?.page) return;
    pdf.view.show(c.ui.pdfPage, place).catch((err) => console.error(err));
  }

  hidePdf() {
    const page = this.#c.ui.pdfPage;
    page.hidden = true;
    page.replaceChildren();
  }

  /** Esc in the text or the table: back to the finding row the jump came from. */
  goBack() {
    const row = this.#back && this.#c.ui.findings.querySelector(`[data-key="${this.#back}"]`);
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
    const ta = this.#c.ui.text;
    if (start == null) return;
    const offset = this.#c.input.reveal(start);
    start -= offset;
    end = end == null ? end : end - offset;
    const a = Math.min(start, ta.value.length);
    const b = Math.min(Math.max(end ?? a, a), ta.value.length);
    if (focus) ta.focus({ preventScroll: true });
    ta.setSelectionRange(a, b === a ? Math.min(a + 1, ta.value.length) : b);
    ta.scrollTop = Math.max(0, caretTop(ta, a) - ta.clientHeight / 3);
    const box = ta.getBoundingClientRect();
    if (focus && (box.top < 0 || box.bottom > innerHeight)) ta.scrollIntoView({ block: 'nearest' });
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
