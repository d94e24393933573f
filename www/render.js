// DOM builders for the checker's results. Every piece of report text goes in as a text
// node or an attribute value, never as HTML.

/** Creates an element: h('td', {class: 'x', data: {row: 1}, onclick: f}, 'text', child…). */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k === 'data') for (const [dk, dv] of Object.entries(v)) el.dataset[dk] = String(dv);
    else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

export const SEVERITY = {
  error: { label: '错误', rank: 0 },
  warning: { label: '警告', rank: 1 },
  info: { label: '提示', rank: 2 },
};

const READ_MODE = { rows: '按行读取', stream: '行界限不清，按顺序读取' };

// ------------------------------------------------------------------ verdict and status

/** The verdict at the top: 通过 / N 个错误, M 个警告, K 个提示; or why nothing was checked. */
export function verdict(result) {
  if (!result) return h('div', { class: 'verdict idle' }, '粘贴或拖入一份年度报告，立即开始核查。');
  if (result.status !== 'checked') {
    const cls = result.status === 'empty' ? 'idle' : 'refused';
    const title = { empty: '没有内容', binary: '无法核查', too_large: '无法核查', not_a_report: '不是年度报告' }[result.status] ?? '未核查';
    return h('div', { class: `verdict ${cls}`, data: { status: result.status } }, h('strong', { class: 'verdict-title' }, title), h('span', { class: 'verdict-text' }, result.message));
  }
  const { errors, warnings, infos } = result.summary;
  const counts = `${errors} 个错误，${warnings} 个警告，${infos} 个提示`;
  if (errors === 0) {
    return h(
      'div',
      { class: `verdict pass${warnings ? ' has-warnings' : ''}`, data: { status: 'checked', errors, warnings, infos } },
      h('strong', { class: 'verdict-title' }, '通过'),
      h('span', { class: 'verdict-text' }, warnings || infos ? `没有发现错误（${counts}）` : '没有发现任何问题：三张表格的勾稽关系全部成立，各部分齐全'),
    );
  }
  return h('div', { class: 'verdict fail', data: { status: 'checked', errors, warnings, infos } }, h('strong', { class: 'verdict-title' }, counts));
}

/** A message that is not the core's (a file that cannot be read). */
export function problem(message) {
  return h('div', { class: 'verdict refused', data: { status: 'unreadable' } }, h('strong', { class: 'verdict-title' }, '无法读取'), h('span', { class: 'verdict-text' }, message));
}

// ------------------------------------------------------------------ report facts

/**
 * The report's facts: agency, year, title, and which of the standard sections and tables were
 * found. `format` = the core's standard layout (nianbao.js format(): {sections, tables}).
 */
export function facts(report, format) {
  if (!report) return h('div');
  const found = new Map(report.sections.map((s) => [s.numeral, s]));
  const grids = new Map(report.grids.map((g) => [g.table, g]));
  const year = report.year ?? '未识别';
  const period = report.period_year != null && report.period_year !== report.year ? `（统计期间为 ${report.period_year} 年）` : '';
  return h(
    'dl',
    { class: 'facts' },
    h('dt', {}, '机关'),
    h('dd', { class: 'fact-agency' }, report.agency ?? '未识别'),
    h('dt', {}, '年度'),
    h('dd', { class: 'fact-year' }, report.year != null ? `${year} 年${period}` : year),
    h('dt', {}, '标题'),
    h('dd', { class: 'fact-title' }, report.title ?? '未识别'),
    h('dt', {}, '各部分'),
    h(
      'dd',
      { class: 'fact-sections' },
      format.sections.map(({ numeral: n, heading }) => {
        const s = found.get(n);
        return h('span', { class: `chip ${s ? 'ok' : 'missing'}`, title: s ? `${s.heading}（第 ${s.line} 行）` : `未找到“${n}、${heading}”`, data: s ? { start: s.start_utf16, end: s.end_utf16 } : {} }, `${s ? '✓' : '✗'} ${n}`);
      }),
    ),
    h('dt', {}, '表格'),
    h(
      'dd',
      { class: 'fact-tables' },
      format.tables.map((t) => {
        const g = grids.get(t.table);
        const label = `${t.section}、${t.title}`;
        const more = g ? [g.layout && g.layout !== '2021' ? `${g.layout} 年版` : null, g.read !== 'rows' ? READ_MODE[g.read] ?? g.read : null].filter(Boolean).join('，') : '';
        return h('span', { class: `chip ${g ? 'ok' : 'missing'}`, title: t.title }, `${g ? '✓' : '✗'} ${label}${more ? `（${more}）` : ''}`);
      }),
    ),
  );
}

// ------------------------------------------------------------------ findings

/** 位置: section, table, row, column by their Chinese labels, and the line. */
export function place(f) {
  const parts = [];
  if (f.section) parts.push(`第${f.section}部分`);
  if (f.table_label) parts.push(`表格：${f.table_label}`);
  if (f.row_label) parts.push(`行：${f.row_label}`);
  if (f.column_label) parts.push(`列：${f.column_label}`);
  if (f.page) parts.push(`PDF 第 ${f.page} 页`);
  if (f.line) parts.push(`原文第 ${f.line} 行`);
  return parts;
}

/** True when L001 finding `l` explains finding `f` (same table, one of the codes it explains). */
function explainedBy(l, f) {
  return l.code === 'L001' && f.code !== 'L001' && f.table === l.table && (l.explains ?? []).includes(f.code);
}

/**
 * The findings with each L001 (the cell most likely wrong) moved just before the first finding
 * it explains and those findings gathered right after it, the rest in their order.
 */
export function readingOrder(list) {
  const leads = list.filter((f) => f.code === 'L001' && f.explains?.length);
  if (!leads.length) return list;
  const out = [];
  const placed = new Set();
  for (const f of list) {
    if (placed.has(f)) continue;
    const lead = f.code === 'L001' ? (leads.includes(f) ? f : null) : leads.find((l) => explainedBy(l, f));
    if (!lead) {
      out.push(f);
      placed.add(f);
      continue;
    }
    for (const g of [lead, ...list.filter((x) => explainedBy(lead, x))]) {
      if (!placed.has(g)) out.push(g), placed.add(g);
    }
  }
  return out;
}

const COLUMNS = [
  { key: 'index', label: '序号', value: (f) => f.index },
  { key: 'severity', label: '级别', value: (f) => SEVERITY[f.severity]?.rank ?? 9 },
  { key: 'code', label: '规则', value: (f) => f.code },
  { key: 'place', label: '位置', value: (f) => [f.start_utf16 ?? 0, f.index] },
  { key: 'message', label: '说明', value: (f) => f.message ?? '' },
  { key: 'expected', label: '应为', value: (f) => f.expected ?? '' },
  { key: 'found', label: '实为', value: (f) => f.found ?? '' },
];

function compare(a, b) {
  if (Array.isArray(a)) {
    for (let i = 0; i < a.length; i++) {
      const c = compare(a[i], b[i]);
      if (c) return c;
    }
    return 0;
  }
  const na = Number(a);
  const nb = Number(b);
  if (a !== '' && b !== '' && Number.isFinite(na) && Number.isFinite(nb)) return na - nb;
  return String(a).localeCompare(String(b), 'zh-Hans-CN');
}

/**
 * The findings table with its filters. `view` = {findings, rules (Map code→doc), sort {key, dir},
 * severities (Set), rule ('' for all), selected (index or null)}; `on` = {select(f), sort(key),
 * severity(sev, on), rule(code)}.
 */
export function findings(view, on) {
  const all = view.findings;
  if (!all.length) return h('div', { class: 'findings empty' });
  const bySeverity = {};
  const byRule = new Map();
  for (const f of all) {
    bySeverity[f.severity] = (bySeverity[f.severity] ?? 0) + 1;
    byRule.set(f.code, (byRule.get(f.code) ?? 0) + 1);
  }
  const shown = all.filter((f) => view.severities.has(f.severity) && (!view.rule || f.code === view.rule));
  const col = COLUMNS.find((c) => c.key === view.sort.key) ?? COLUMNS[0];
  const dir = view.sort.dir === 'desc' ? -1 : 1;
  shown.sort((a, b) => dir * compare(col.value(a), col.value(b)) || a.index - b.index);
  // In text order, the findings an L001 explains are listed under it.
  const grouped = (col.key === 'index' || col.key === 'place') && dir > 0 ? readingOrder(shown) : shown;
  const leadOf = (f) => grouped.find((l) => explainedBy(l, f));

  const filters = h(
    'div',
    { class: 'filters' },
    h('span', { class: 'filters-label' }, '筛选：'),
    Object.entries(SEVERITY).map(([sev, { label }]) =>
      h(
        'label',
        { class: `filter sev-${sev}` },
        h('input', { type: 'checkbox', name: `severity-${sev}`, data: { key: `sev-${sev}` }, checked: view.severities.has(sev), disabled: !bySeverity[sev], onchange: (e) => on.severity(sev, e.target.checked) }),
        ` ${label}（${bySeverity[sev] ?? 0}）`,
      ),
    ),
    h(
      'select',
      { class: 'filter-rule', name: 'rule', 'aria-label': '按规则筛选', data: { key: 'rule' }, onchange: (e) => on.rule(e.target.value) },
      h('option', { value: '' }, `全部规则（${all.length}）`),
      [...byRule.keys()].sort().map((code) => h('option', { value: code, selected: view.rule === code }, `${code} ${view.rules.get(code)?.summary ?? ''}`.slice(0, 40) + `（${byRule.get(code)}）`)),
    ),
    h('span', { class: 'filters-count', 'aria-live': 'polite' }, shown.length === all.length ? `共 ${all.length} 条` : `显示 ${shown.length} / ${all.length} 条`),
  );

  const head = h(
    'tr',
    {},
    COLUMNS.map((c) =>
      h(
        'th',
        { scope: 'col', class: `col-${c.key}`, 'aria-sort': view.sort.key === c.key ? (dir > 0 ? 'ascending' : 'descending') : 'none' },
        h('button', { type: 'button', class: 'sort', title: `按“${c.label}”排序`, data: { key: `sort-${c.key}` }, onclick: () => on.sort(c.key) }, c.label, h('span', { class: 'sort-mark', 'aria-hidden': 'true' }, view.sort.key === c.key ? (dir > 0 ? ' ▲' : ' ▼') : '')),
      ),
    ),
  );
  const body = h('tbody');
  for (const f of grouped) {
    const selected = view.selected === f.index;
    const rule = view.rules.get(f.code);
    const lead = grouped === shown ? null : leadOf(f);
    body.append(
      h(
        'tr',
        {
          class: `finding sev-${f.severity}${selected ? ' selected' : ''}${lead ? ' explained' : ''}${f.code === 'L001' ? ' locate' : ''}`,
          title: lead ? `由第 ${lead.index} 条（L001）所指的单元格可以解释` : null,
          tabindex: 0,
          'aria-selected': selected ? 'true' : 'false',
          data: { index: f.index, code: f.code, key: `f-${f.index}` },
          onclick: () => on.select(f),
          onkeydown: (e) => e.target === e.currentTarget && (e.key === 'Enter' || e.key === ' ') && (e.preventDefault(), on.select(f, { keyboard: true })),
        },
        h('td', { class: 'col-index', data: { label: '序号' } }, f.index),
        h('td', { class: 'col-severity', data: { label: '级别' } }, h('span', { class: `badge sev-${f.severity}` }, SEVERITY[f.severity]?.label ?? f.severity)),
        h('td', { class: 'col-code', title: rule?.summary ?? '' }, h('span', { class: 'code' }, f.code), rule ? h('span', { class: 'rule-summary' }, rule.summary) : null),
        h('td', { class: 'col-place' }, place(f).map((p) => h('div', {}, p))),
        h('td', { class: 'col-message' }, f.message),
        h('td', { class: `col-expected${f.expected == null ? ' blank' : ''}`, data: { label: '应为' } }, f.expected ?? ''),
        h('td', { class: `col-found${f.found == null ? ' blank' : ''}`, data: { label: '实为' } }, f.found ?? ''),
      ),
    );
    if (selected) body.append(h('tr', { class: 'finding-detail' }, h('td', { colspan: COLUMNS.length }, detail(f, rule, on))));
  }
  if (!shown.length) body.append(h('tr', {}, h('td', { colspan: COLUMNS.length, class: 'none' }, '没有符合筛选条件的问题')));
  const caption = h('caption', { class: 'sr-only' }, `发现的问题，${shown.length === all.length ? `共 ${all.length} 条` : `显示 ${shown.length} / ${all.length} 条`}，按“${col.label}”${dir > 0 ? '升序' : '降序'}排列；在一行上按回车键展开说明`);
  return h('div', { class: 'findings' }, filters, h('div', { class: 'scroll' }, h('table', { class: 'findings-table' }, caption, h('thead', {}, head), body)));
}

/** What the selected finding's rule is about, and every place it refers to. */
function detail(f, rule, on) {
  const places = [];
  for (const c of f.cells ?? []) {
    places.push({ label: `${c.row_label} · ${c.column_label}：${c.value ?? '（无法读取）'}${c.page ? `（第 ${c.page} 页）` : ''}`, at: c.start_utf16 != null ? c : null });
  }
  (f.related ?? []).forEach((r, i) => places.push({ label: `相关位置 ${i + 1}（第 ${r.line} 行）`, at: r }));
  const jumps = h(
    'div',
    { class: 'jumps' },
    h('button', { type: 'button', class: 'btn goto-text', data: { key: 'goto-text' }, disabled: f.start_utf16 == null, onclick: (e) => (e.stopPropagation(), on.text(f)) }, '在原文中定位'),
    h('button', { type: 'button', class: 'btn goto-table', data: { key: 'goto-table' }, disabled: !f.cells?.length, onclick: (e) => (e.stopPropagation(), on.table(f)) }, '在表格中定位'),
    h('span', { class: 'jumps-hint' }, '（定位后按 Esc 键回到这一条）'),
  );
  return h(
    'div',
    { class: 'detail' },
    jumps,
    rule
      ? h(
          'dl',
          { class: 'rule-doc' },
          h('dt', {}, `${rule.code} ${rule.name}`),
          h('dd', {}, rule.summary),
          rule.why ? [h('dt', {}, '为什么重要'), h('dd', {}, rule.why)] : null,
          rule.example ? [h('dt', {}, '示例'), h('dd', { class: 'example' }, rule.example)] : null,
        )
      : null,
    places.length
      ? h(
          'div',
          { class: 'places' },
          h('span', {}, '涉及：'),
          places.map((p, i) => h('button', { type: 'button', class: 'place', data: { key: `place-${i}` }, disabled: !p.at, onclick: (e) => (e.stopPropagation(), on.place(p.at)) }, p.label)),
        )
      : null,
  );
}

// ------------------------------------------------------------------ the tables, redrawn

/** Per cell (`A:row:col`), the findings that name it. */
export function cellIndex(findingList) {
  const index = new Map();
  for (const f of findingList) {
    for (const c of f.cells ?? []) {
      const key = `${c.table}:${c.row}:${c.column}`;
      if (!index.has(key)) index.set(key, []);
      index.get(key).push(f);
    }
  }
  return index;
}

/**
 * The tables the checker read, in the standard layout. `marks` = cellIndex(findings);
 * `selected` = the selected finding or null; `on.cell(cell, findings)` on a click.
 */
export function grids(report, marks, selected, on) {
  if (!report || !report.grids.length) return h('div', { class: 'grids empty' });
  const chosen = new Map((selected?.cells ?? []).map((c, i) => [`${c.table}:${c.row}:${c.column}`, i]));
  const td = (g, r, c, extra = {}) => {
    const row = g.rows[r];
    const cell = row.cells[c];
    const key = `${g.table}:${r}:${c}`;
    const fs = marks.get(key) ?? [];
    const worst = fs.reduce((w, f) => (SEVERITY[f.severity]?.rank < SEVERITY[w]?.rank ? f.severity : w), fs.length ? fs[0].severity : null);
    const classes = ['num'];
    if (!cell.ok) classes.push('unreadable');
    if (cell.split) classes.push('split');
    if (worst) classes.push(`hl-${worst}`);
    if (chosen.has(key)) classes.push(chosen.get(key) === 0 ? 'sel sel-first' : 'sel');
    // L001: the value that would make every relation of the table hold, beside the reported one.
    const suggestions = fs
      .filter((f) => f.code === 'L001')
      .flatMap((f) => (f.alternatives?.length ? f.alternatives : f.changes ?? []).map((x) => ({ ...x, several: !!f.alternatives?.length })))
      .filter((x) => x.table === g.table && x.row === r && x.column === c);
    const suggest = suggestions.length ? [...new Set(suggestions.map((x) => x.expected))].join(' / ') + (suggestions[0].several ? '？' : '') : null;
    if (suggest) classes.push(suggestions[0].several ? 'suggest suggest-maybe' : 'suggest');
    const tips = [`${row.label} · ${row.columns[c] ?? ''}`];
    if (suggest) tips.push(suggestions[0].several ? `可能应为 ${suggest.replace(/？$/, '')}（有几种改法，见 L001）` : `最可能出错：应为 ${suggest}（L001）`);
    if (!cell.ok) tips.push(cell.value == null ? '未能读出' : '不是数字');
    if (cell.split) tips.push('由粘连在一起的数字拆分得出');
    for (const f of fs) tips.push(`${f.code}：${f.message}`);
    // cells a finding names are in the keyboard's tab order (Enter: its finding; Esc: back to it)
    return h(
      'td',
      {
        class: classes.join(' '),
        title: tips.join('\n'),
        tabindex: fs.length || chosen.has(key) ? 0 : -1,
        data: { table: g.table, row: r, col: c, key: `c-${key.replaceAll(':', '-')}`, ...(suggest ? { suggest: `→ ${suggest}` } : {}) },
        onclick: () => on.cell(cell, fs),
        onkeydown: (e) => {
          if (e.key === 'Enter' || e.key === ' ') (e.preventDefault(), on.cell(cell, fs, { keyboard: true }));
          else if (e.key === 'Escape') on.back?.();
        },
        ...extra,
      },
      cell.value ?? '？',
    );
  };
  return h(
    'div',
    { class: 'grids' },
    h(
      'p',
      { class: 'legend' },
      h('span', { class: 'key hl-error' }, '5'),
      ' 参与未成立的核对 ',
      h('span', { class: 'key sel-first' }, '5'),
      h('span', { class: 'key sel' }, '0'),
      ' 所选问题涉及的单元格（粗框为被核对的一格） ',
      h('span', { class: 'key unreadable' }, '？'),
      ' 未能读出 ',
      h('span', { class: 'key split' }, '12'),
      ' 由粘连的数字拆分得出 ',
      h('span', { class: 'key suggest', data: { suggest: '→ 2' } }, '3'),
      ' 最可能出错的一格与能使本表全部勾稽关系成立的数值（L001） · 点击单元格可在原文中定位',
    ),
    report.grids.map((g) => {
      const draw = { A: gridA, B: gridB, C: gridC }[g.table];
      const caption = `grid-${g.table}-caption`;
      // the table scrolls sideways in its own box (a small screen), which the keyboard can scroll too
      return h(
        'figure',
        { class: 'grid', data: { table: g.table } },
        h('figcaption', { id: caption }, `${g.section ? `${g.section}、` : ''}${g.title}`, g.layout && g.layout !== '2021' ? h('span', { class: 'layout' }, `（${g.layout} 年版格式）`) : null, g.read && g.read !== 'rows' ? h('span', { class: 'layout' }, `（${READ_MODE[g.read] ?? g.read}）`) : null),
        h('div', { class: 'scroll', tabindex: 0, role: 'region', 'aria-labelledby': caption }, draw(g, td)),
      );
    }),
  );
}

/** Table group A: one block a 第二十条 item, each with its own header. */
function gridA(g, td) {
  const width = Math.max(...g.rows.map((r) => r.cells.length), 1);
  const body = h('tbody');
  let group = null;
  g.rows.forEach((row, r) => {
    if (row.group !== group) {
      group = row.group;
      body.append(h('tr', { class: 'group' }, h('th', { colspan: width + 1, scope: 'colgroup' }, group || g.title)));
      const labels = row.cells.map((_, c) => row.columns[c] ?? '');
      body.append(h('tr', { class: 'colhead' }, h('th', { scope: 'col' }, '信息内容'), labels.map((l, c) => h('th', { scope: 'col', colspan: c === labels.length - 1 ? width - labels.length + 1 : null }, l))));
    }
    body.append(h('tr', {}, h('th', { scope: 'row' }, row.label), row.cells.map((_, c) => td(g, r, c, c === row.cells.length - 1 && row.cells.length < width ? { colspan: width - row.cells.length + 1 } : {}))));
  });
  return h('table', { class: 'grid-table grid-A' }, body);
}

/**
 * Table B: three label columns (一、… / （一）… / 1.…); 自然人, 法人或其他组织 (five columns), 总计.
 * The headings are two levels deep both ways, so every figure names its headings (`headers`: its
 * row's labels and its column's, by id) for a screen reader, besides the scopes.
 */
function gridB(g, td) {
  const head = h('thead');
  const cols = g.columns;
  const id = (x) => `grid-B-${x}`;
  head.append(
    h('tr', {}, h('td', { rowspan: 3, colspan: 3, class: 'corner' }, '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）'), h('th', { colspan: 7, scope: 'colgroup', id: id('who') }, '申请人情况')),
    h('tr', {}, h('th', { rowspan: 2, scope: 'col', id: id('c0') }, cols[0]), h('th', { colspan: 5, scope: 'colgroup', id: id('legal') }, '法人或其他组织'), h('th', { rowspan: 2, scope: 'col', id: id('c6') }, cols[6])),
    h('tr', {}, cols.slice(1, 6).map((c, i) => h('th', { scope: 'col', id: id(`c${i + 1}`) }, c))),
  );
  // per column, the ids of its headings
  const colHeads = cols.map((_, c) => [id('who'), c >= 1 && c <= 5 ? id('legal') : null, id(`c${c}`)].filter(Boolean));
  // Three levels of labels per row, then merged downwards where they repeat.
  let outer = '';
  const levels = g.rows.map((row) => {
    if (!row.group) {
      outer = '';
      return [row.label, null, null];
    }
    if (/^[一二三四五六七八九十]+、/.test(row.group)) {
      outer = row.group;
      return [row.group, row.label, null];
    }
    return [outer || row.group, outer ? row.group : row.label, outer ? row.label : null];
  });
  const span = (r, l) => {
    let n = 1;
    while (r + n < levels.length && levels[r + n][l] === levels[r][l] && levels[r + n][l] !== null && (l === 0 || levels[r + n][l - 1] === levels[r][l - 1])) n++;
    return n;
  };
  const body = h('tbody');
  const rowHeads = [null, null]; // the ids of the row-group headings (levels 1 and 2) the row is in
  g.rows.forEach((row, r) => {
    const [a, b, c] = levels[r];
    const tr = h('tr', { data: { row: r } });
    const own = id(`r${r}`);
    let heads;
    if (b === null) {
      tr.append(h('th', { scope: 'row', colspan: 3, class: 'l1', id: own }, a));
      heads = [own];
    } else {
      if (r === 0 || levels[r - 1][0] !== a) {
        rowHeads[0] = id(`r${r}-1`);
        tr.append(h('th', { scope: 'rowgroup', rowspan: span(r, 0), class: 'l1', id: rowHeads[0] }, a));
      }
      if (c === null) {
        tr.append(h('th', { scope: 'row', colspan: 2, class: 'l2', id: own }, b));
        heads = [rowHeads[0], own];
      } else {
        if (r === 0 || levels[r - 1][1] !== b || levels[r - 1][0] !== a) {
          rowHeads[1] = id(`r${r}-2`);
          tr.append(h('th', { scope: 'rowgroup', rowspan: span(r, 1), class: 'l2', id: rowHeads[1] }, b));
        }
        tr.append(h('th', { scope: 'row', class: 'l3', id: own }, c));
        heads = [rowHeads[0], rowHeads[1], own];
      }
    }
    row.cells.forEach((_, i) => tr.append(td(g, r, i, { headers: [...heads, ...(colHeads[i] ?? [])].join(' ') })));
    body.append(tr);
  });
  return h('table', { class: 'grid-table grid-B' }, head, body);
}

/**
 * Table C: one wide row — 行政复议 | 行政诉讼 (未经复议直接起诉 | 复议后起诉), five figures each.
 * Each figure names its two or three column headings (`headers`) for a screen reader.
 */
function gridC(g, td) {
  const parts = g.rows.map((row) => row.label.split('·'));
  const top = h('tr');
  const second = h('tr');
  const twoLevels = parts.some((p) => p.length > 1);
  const id = (x) => `grid-C-${x}`;
  const groupOf = []; // per row of the grid, the ids of its group headings
  for (let r = 0; r < parts.length; ) {
    let n = 1;
    while (r + n < parts.length && parts[r + n].length > 1 && parts[r + n][0] === parts[r][0] && parts[r].length > 1) n++;
    const width = g.rows.slice(r, r + n).reduce((s, row) => s + row.cells.length, 0);
    top.append(h('th', { colspan: width, rowspan: twoLevels && parts[r].length === 1 ? 2 : 1, scope: 'colgroup', id: id(`t${r}`) }, parts[r][0]));
    for (let k = r; k < r + n; k++) {
      groupOf[k] = [id(`t${r}`)];
      if (parts[k].length > 1) {
        second.append(h('th', { colspan: g.rows[k].cells.length, scope: 'colgroup', id: id(`s${k}`) }, parts[k].slice(1).join('·')));
        groupOf[k].push(id(`s${k}`));
      }
    }
    r += n;
  }
  const third = h('tr', {}, g.rows.map((row, r) => row.cells.map((_, c) => h('th', { class: 'narrow', scope: 'col', id: id(`h${r}-${c}`) }, row.columns[c] ?? ''))));
  const values = h('tr', {}, g.rows.map((row, r) => row.cells.map((_, c) => td(g, r, c, { headers: [...groupOf[r], id(`h${r}-${c}`)].join(' ') }))));
  return h('table', { class: 'grid-table grid-C' }, h('thead', {}, top, second.childElementCount ? second : null, third), h('tbody', {}, values));
}

// ------------------------------------------------------------------ several reports

/**
 * The summary of a set of reports: one row a file (文件, 机关, 年度, 错误, 警告, 提示, the rules
 * found, a button to its details). `view` = {results (checkMany's array), current (index)};
 * `on.show(i)` opens report i's details.
 */
export function summary(view, on) {
  const results = view.results;
  const total = { errors: 0, warnings: 0, infos: 0 };
  let checked = 0;
  for (const r of results) {
    if (r.status !== 'checked') continue;
    checked++;
    for (const k of Object.keys(total)) total[k] += r.summary[k];
  }
  const unread = results.length - checked;
  const body = h('tbody');
  results.forEach((r, i) => {
    const ok = r.status === 'checked';
    const current = i === view.current;
    const codes = ok ? [...new Set([...r.findings].sort((a, b) => (SEVERITY[a.severity]?.rank ?? 9) - (SEVERITY[b.severity]?.rank ?? 9)).map((f) => f.code))] : [];
    const count = (k, sev) => h('td', { class: `n col-${sev}${ok && r.summary[k] ? ` has sev-${sev}` : ''}` }, ok ? r.summary[k] : '');
    body.append(
      h(
        'tr',
        { class: `report-row${current ? ' current' : ''}${ok ? (r.summary.errors ? ' fail' : ' pass') : ' unread'}`, data: { index: i, status: r.status } },
        h('td', { class: 'col-file' }, r.file),
        ok ? h('td', { class: 'col-agency' }, r.report?.agency ?? '未识别') : h('td', { class: 'col-agency unread-note', colspan: 2 }, `未核查：${r.message}`),
        ok ? h('td', { class: 'col-year' }, r.report?.year ?? r.report?.period_year ?? '未识别') : null,
        count('errors', 'error'),
        count('warnings', 'warning'),
        count('infos', 'info'),
        h('td', { class: 'col-codes' }, codes.map((c) => h('span', { class: 'code' }, c))),
        h(
          'td',
          { class: 'col-open' },
          ok ? h('button', { type: 'button', class: 'btn open', 'aria-pressed': current ? 'true' : 'false', data: { key: `open-${i}` }, onclick: () => on.show(i) }, current ? '正在查看' : '查看详情') : '—',
        ),
      ),
    );
  });
  return h(
    'div',
    { class: 'summary' },
    h(
      'p',
      { class: 'summary-total' },
      `共 ${results.length} 个文件`,
      unread ? `（${unread} 个未能核查）` : '',
      `：${total.errors} 个错误，${total.warnings} 个警告，${total.infos} 个提示`,
      h('span', { class: 'summary-note' }, ' · 同一机关相邻年度的报告已核对跨年度衔接（X001、X002）'),
    ),
    h(
      'div',
      { class: 'scroll' },
      h(
        'table',
        { class: 'summary-table' },
        h('thead', {}, h('tr', {}, ['文件', '机关', '年度', '错误', '警告', '提示', '发现的问题', '详情'].map((l) => h('th', { scope: 'col' }, l)))),
        body,
      ),
    ),
  );
}

// ------------------------------------------------------------------ the rules

export function ruleList(rules) {
  return h(
    'div',
    { class: 'rule-list' },
    rules.map((r) =>
      h(
        'div',
        { class: 'rule', data: { code: r.code } },
        h('div', { class: 'rule-head' }, h('span', { class: 'code' }, r.code), ' ', h('span', { class: `badge sev-${r.severity}` }, SEVERITY[r.severity]?.label ?? r.severity), ' ', h('span', { class: 'rule-summary' }, r.summary)),
        r.why ? h('p', {}, h('b', {}, '为什么重要：'), r.why) : null,
        r.example ? h('p', { class: 'example' }, h('b', {}, '示例：'), r.example) : null,
      ),
    ),
  );
}
