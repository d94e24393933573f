// <nianbao-checker>'s exports and printing (checker.js): 导出 CSV and 导出 JSON (built in the worker
// by the core, nianbao.js exportBlob, then saved through a Blob and an object URL: nothing is
// sent), and the review sheets (审核意见单) shown in a print view and printed.

import { exportBlob } from './nianbao.js';
import { h, place, readingOrder, SEVERITY } from './render.js';

/** The exports part of the element; `c` is the element's shared context (checker.js). */
export class Exports {
  #c;
  #urls = new Map(); // object URL -> the timer that revokes it
  #closePrint = null; // while the print view is open: what closes it

  constructor(c) {
    this.#c = c;
    const ui = c.ui;
    ui.actions = h(
      'div',
      { class: 'actions', hidden: true },
      h('button', { type: 'button', class: 'btn export-csv', title: '每个问题一行（UTF-8，Excel 可直接打开）', onclick: () => this.#export('csv') }, '导出 CSV'),
      h('button', { type: 'button', class: 'btn export-json', title: '完整的核查结果（与命令行 --format json 相同）', onclick: () => this.#export('json') }, '导出 JSON'),
      h('button', { type: 'button', class: 'btn print-sheet', onclick: () => this.#print(false) }, '打印审核意见单'),
      h('button', { type: 'button', class: 'btn print-all', hidden: true, onclick: () => this.#print(true) }, '打印全部审核意见单'),
    );
    ui.print = h('div', { class: 'print-view', hidden: true });
  }

  /** The buttons as the result and the set allow. */
  draw() {
    const { ui, set, result } = this.#c;
    ui.actions.hidden = !(set?.results || result?.status === 'checked');
    ui.actions.querySelector('.print-all').hidden = !set?.results;
    ui.actions.querySelector('.print-sheet').disabled = result?.status !== 'checked';
  }

  /** The element leaves the page: the print view closes, object URLs not yet revoked are. */
  release() {
    this.#closePrint?.(false);
    for (const [url, timer] of this.#urls) {
      clearTimeout(timer);
      URL.revokeObjectURL(url);
    }
    this.#urls.clear();
  }

  /** The files the exports are of: the set, or the one report as [{name, text}]. */
  #entries() {
    const c = this.#c;
    if (c.set) return c.set.entries;
    return [{ name: c.fileName ?? '粘贴的文字', text: c.checkedText ?? '' }];
  }

  /** A file name for an export: 年报核查结果 (set), or with the agency and year of one report. */
  #name(ext) {
    const c = this.#c;
    const rep = !c.set && c.result?.report;
    const base = rep ? ['年报核查', rep.agency, rep.year].filter((x) => x != null && x !== '').join('-') : '年报核查结果';
    return `${base.replace(/[\\/:*?"<>|\s]+/g, '_')}.${ext}`;
  }

  /** 导出 CSV / 导出 JSON: built in the worker (nianbao.js exportBlob), then saved. */
  async #export(kind) {
    const c = this.#c;
    const status = c.ui.status;
    const was = status.textContent;
    status.textContent = `正在生成 ${kind.toUpperCase()}…`;
    try {
      const { result: blob } = await exportBlob(kind, this.#entries());
      if (!c.host.isConnected) return; // the element left the page meanwhile
      this.#download(this.#name(kind), blob);
      status.textContent = was;
      c.say(`已生成 ${this.#name(kind)}`);
    } catch (err) {
      if (err.name !== 'AbortError') c.failed(err);
    }
  }

  /** Saves `blob` as a file through an object URL: nothing is sent anywhere. */
  #download(name, blob) {
    const url = URL.createObjectURL(blob);
    const a = h('a', { href: url, download: name, hidden: true });
    this.#c.root.append(a);
    a.click();
    a.remove();
    this.#urls.set(
      url,
      setTimeout(() => {
        this.#urls.delete(url);
        URL.revokeObjectURL(url);
      }, 60000),
    );
  }

  /** The print view of the review sheets (the current report's, or every checked one's), then print(). */
  #print(all) {
    const c = this.#c;
    const set = c.set;
    const items = all && set?.results ? set.results.filter((r) => r.status === 'checked') : set?.results ? [set.results[set.current]] : [{ ...c.result, file: c.fileName ?? '' }];
    if (!items.length || items[0].status !== 'checked') return;
    const ui = c.ui;
    const nb = c.root.querySelector('.nb');
    const close = (refocus = true) => {
      this.#closePrint = null;
      ui.print.hidden = true;
      ui.print.replaceChildren();
      nb.classList.remove('printing');
      delete document.documentElement.dataset.nianbaoPrinting;
      if (refocus) ui.actions.querySelector(all ? '.print-all' : '.print-sheet').focus(); // back where the keyboard was
    };
    this.#closePrint = close;
    ui.print.replaceChildren(
      h(
        'div',
        { class: 'print-bar' },
        h('strong', {}, `审核意见单（${items.length} 份）`),
        h('button', { type: 'button', class: 'btn print-again', onclick: () => window.print() }, '打印'),
        h('button', { type: 'button', class: 'btn print-close', onclick: () => close() }, '返回'),
        h('span', { class: 'print-hint' }, '打印时只输出下面的审核意见单，每份报告一页起'),
      ),
      ...items.map((r) => sheet(r)),
    );
    ui.print.hidden = false;
    nb.classList.add('printing');
    document.documentElement.dataset.nianbaoPrinting = '';
    window.scrollTo(0, 0);
    ui.print.querySelector('.print-again').focus({ preventScroll: true });
    window.print();
  }
}

/** The verdict in one line, for the sheet. */
function verdictLine(result) {
  if (result.status !== 'checked') return `未核查：${result.message}`;
  const { errors, warnings, infos } = result.summary;
  const counts = `${errors} 个错误，${warnings} 个警告，${infos} 个提示`;
  return errors ? `未通过（${counts}）` : `通过（${counts}）`;
}

/** A date as 2026年11月25日. */
function chineseDate(d = new Date()) {
  return `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日`;
}

/**
 * The printable review sheet of one checked report: the agency, year, verdict, every finding
 * with its location, and blanks for the reviewer's opinion, signature and date. `item` = one of
 * checkMany's results (with its `file`).
 */
function sheet(item, date = new Date()) {
  const r = item;
  const rep = r.report ?? {};
  const ok = r.status === 'checked';
  const fail = ok && r.summary.errors > 0;
  const row = (label, value, cls) => h('tr', {}, h('th', { scope: 'row' }, label), h('td', { class: cls }, value));
  const list = ok ? readingOrder(r.findings) : [];
  return h(
    'article',
    { class: 'sheet', data: { file: r.file ?? '' } },
    h('h1', { class: 'sheet-title' }, '政府信息公开工作年度报告审核意见单'),
    h(
      'table',
      { class: 'sheet-head' },
      h(
        'tbody',
        {},
        row('报送机关', rep.agency ?? '未识别', 'sheet-agency'),
        row('报告年度', rep.year != null ? `${rep.year} 年` : '未识别', 'sheet-year'),
        row('报告标题', rep.title ?? '未识别'),
        row('文件', r.file || '（粘贴的文字）'),
        row('核查结论', h('strong', { class: fail ? 'sheet-fail' : 'sheet-pass' }, verdictLine(r)), 'sheet-verdict'),
        row('核查日期', `${chineseDate(date)}（年报核查 nianbao，按国办公开办函〔2021〕30号格式）`),
      ),
    ),
    h('h2', {}, `核查发现的问题（${list.length} 条）`),
    list.length
      ? h(
          'table',
          { class: 'sheet-findings' },
          h('thead', {}, h('tr', {}, ['序号', '级别', '规则', '位置', '说明', '应为', '实为'].map((l) => h('th', { scope: 'col' }, l)))),
          h(
            'tbody',
            {},
            list.map((f, i) =>
              h(
                'tr',
                { class: `sev-${f.severity}` },
                h('td', { class: 'n' }, i + 1),
                h('td', {}, SEVERITY[f.severity]?.label ?? f.severity),
                h('td', {}, h('span', { class: 'code' }, f.code)),
                h('td', { class: 'sheet-place' }, place(f).join('；')),
                h('td', {}, f.message),
                h('td', { class: 'n' }, f.expected ?? ''),
                h('td', { class: 'n' }, f.found ?? ''),
              ),
            ),
          ),
        )
      : h('p', { class: 'sheet-none' }, ok ? '未发现问题。' : r.message),
    h(
      'section',
      { class: 'sheet-review' },
      h('h2', {}, '审核意见'),
      h('p', { class: 'sheet-choices' }, '□ 同意发布　　□ 修改后发布　　□ 退回修改'),
      h('div', { class: 'sheet-blank' }, h('span', { class: 'sr-only' }, '（此处手写审核意见）')),
      h('p', { class: 'sheet-sign' }, h('span', {}, '审核人（签字）：', h('span', { class: 'line' })), h('span', {}, '日期：', h('span', { class: 'line short' }), '年', h('span', { class: 'line tiny' }), '月', h('span', { class: 'line tiny' }), '日')),
    ),
  );
}
