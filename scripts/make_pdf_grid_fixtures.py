#!/usr/bin/env python3
"""Makes the PDF fixtures of tables whose label column is narrow (issue 20) in
tests/fixtures/pdf/grid/ (run once; the outputs are committed):

  <report>-<generator>-<align>.pdf   every report of tests/fixtures/reports (seeds, dev) with
                                     tab-separated tables, as an HTML page whose each run of
                                     tab-separated lines is a ruled table, its first column
                                     3.2 em wide (labels wrap over 3-8 lines), every cell
                                     aligned top, middle or bottom (vertical-align / valign);
                                     printed by headless Chromium, and converted by LibreOffice
                                     (soffice --convert-to pdf)                      [part "plain"]
  <report>-merged-<generator>-<align>.pdf
                                     seeds 001, 002 and dev 128 with tables 三 and 四 drawn as
                                     the 2021 format draws them: the group labels (三、本年度办理
                                     结果, （三）…（六）) in cells merged down over their sub-rows,
                                     the labels without a group across the label columns, the
                                     header's 申请人情况 / 法人或其他组织 / 行政复议 / 行政诉讼 /
                                     未经复议直接起诉 / 复议后起诉 across their columns and 自然人,
                                     总计, 结果维持… down two header rows; the three label columns
                                     narrow (labels over up to 12 lines)             [part "merged"]
  <report>-break-<thead|plain>-<generator>.pdf
                                     seed 002 merged, bottom-aligned, pushed down the page so that
                                     table 三 breaks across pages inside a wrapped label; its
                                     header rows a <thead> (repeated on every page) or not
                                                                                     [part "break"]
  <report>-<shape>-<generator>-<align>-b001.pdf, .txt
                                     one figure of table 三 changed (一、本年新收…, 自然人) in
                                     the report's text (the .txt beside it), so that B001 breaks
                                     on that cell                                   [part "mutants"]
  ....items.json                     pdf.js's items (scripts/pdf-items.mjs)
  ....layout.txt, ....raw.txt        the PDF as `pdftotext -layout` and plain `pdftotext`
                                     (reading order) give it, for every PDF here       [part "text"]
  sources.json                       each PDF and the report text it was made from

  python3 scripts/make_pdf_grid_fixtures.py [PART...]   (all parts when none is named)

Needs: libreoffice-writer, chromium, fonts-wqy-microhei (the fixtures' font: with only Noto CJK,
Chromium embeds it as Type 3 fonts, PDFs three to four times the size), poppler-utils; npm ci
(pdfjs-dist)
"""
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REPORTS = os.path.join(ROOT, "tests", "fixtures", "reports")
OUT = os.path.join(ROOT, "tests", "fixtures", "pdf", "grid")

SOURCES = {
    "seed-001": "seeds/001_43e3c9ba6b70e239.txt",
    "seed-002": "seeds/002_a8d23b48448f5a19.txt",
    "seed-004": "seeds/004_5cd136013ffaed5d.txt",
    "dev-102": "dev/102_pingtan2024.txt",
    "dev-103": "dev/103_pingtan2025.txt",
    "dev-128": "dev/128_scj2023_html.txt",
}
ALIGNS = ["top", "middle", "bottom"]
# the reports drawn in the official merged layout (Word-shaped tables: a merged cell's text in
# its first row, blank slots below; and dev 128's web copy, merged cells left out)
MERGED = ["seed-001", "seed-002", "dev-128"]
# the report whose table 三 is broken across pages with and without a repeated header
BREAK = "seed-002"
# a figure, or a mark left in a cell for none
FIGURE = re.compile(r"\d+|[—–/／无-]")
STYLE = ('<!doctype html><html><head><meta charset="utf-8"><style>'
         'body{font-family:"WenQuanYi Micro Hei","Noto Serif CJK SC","Noto Sans CJK SC",serif;font-size:10.5pt}'
         'table{border-collapse:collapse;width:100%;table-layout:fixed}'
         'td{border:0.75pt solid #000;padding:1pt 2pt;font-size:9pt;vertical-align:ALIGN;word-break:break-all}'
         '</style></head><body>')


def page(text, align):
    """The report as HTML: paragraphs, and each run of tab-separated lines a ruled table."""
    out = ['<!doctype html><html><head><meta charset="utf-8"><style>'
           'body{font-family:"WenQuanYi Micro Hei","Noto Serif CJK SC","Noto Sans CJK SC",serif;font-size:10.5pt}'
           'table{border-collapse:collapse;width:100%;table-layout:fixed}'
           'td{border:0.75pt solid #000;padding:1pt 2pt;font-size:9pt;vertical-align:' + align + '}'
           'td.label{width:3.2em;max-width:3.2em;word-break:break-all}'
           '</style></head><body>']
    table = []

    def flush():
        if not table:
            return
        width = max(len(r) for r in table)
        out.append('<table border="1" cellspacing="0" cellpadding="2" width="100%">')
        out.append('<col width="44" style="width:44pt">' + ('<col width="110" style="width:110pt">' if width > 4 else "") + "<col>" * (width - 1 - (width > 4)))
        for r in table:
            # a short row (cells merged with the row above left out, as dev/128's) keeps its
            # figures under their columns: blanks before its label, else after its last cell
            pad = [""] * (width - len(r))
            figure = r[-1].strip().replace(".", "").isdigit()
            r = pad + r if figure else r + pad
            tds = []
            for k, c in enumerate(r):
                cls = ' class="label" width="44"' if k == 0 else ""
                tds.append(f'<td valign="{align}"{cls}>{html.escape(c.strip())}</td>')
            out.append("<tr>" + "".join(tds) + "</tr>")
        out.append("</table>")
        table.clear()

    for line in text.splitlines():
        if "\t" in line:
            table.append(line.split("\t"))
            continue
        flush()
        if line.strip():
            out.append("<p>" + html.escape(line.strip()) + "</p>")
    flush()
    out.append("</body></html>")
    return "\n".join(out)


def runs(text):
    """The report as blocks: ("p", line) for a paragraph, ("table", rows) for each run of
    tab-separated lines (cells stripped)."""
    out, table = [], []
    for line in text.splitlines():
        if "\t" in line:
            table.append([c.strip() for c in line.split("\t")])
            continue
        if table:
            out.append(("table", table))
            table = []
        if line.strip():
            out.append(("p", line.strip()))
    if table:
        out.append(("table", table))
    return out


def is_figure(cell):
    return bool(FIGURE.fullmatch(cell))


def td(text, align, colspan=1, rowspan=1):
    span = (f' colspan="{colspan}"' if colspan > 1 else "") + (f' rowspan="{rowspan}"' if rowspan > 1 else "")
    return f'<td valign="{align}"{span}>{html.escape(text)}</td>'


def level(label):
    """0 for 一、…四、, 1 for （一）…（七）, 2 for 1. 2. …"""
    t = label.replace(" ", "")
    if re.match(r"[一二三四五六七八九十]+、", t):
        return 0
    if re.match(r"[（(][一二三四五六七][)）]", t):
        return 1
    return 2


def table_three(rows, align, thead):
    """Table 三 as the 2021 format draws it. The Word copy gives a merged cell's text in its
    first row and blank slots below it (a blank first slot under a label continues that label);
    the labels' numbering (一、 （一） 1.) says which of the three label columns each stands in,
    also where a row's copy lost its blank slots (seed 001's 3.其他)."""
    start = next(i for i, r in enumerate(rows) if any(is_figure(c) for c in r if c))
    words = [c for r in rows[:start] for c in r if c]
    bare = [w.replace(" ", "") for w in words]
    note = words[0]
    named = {w: words[bare.index(w)] for w in ("申请人情况", "自然人", "法人或其他组织", "总计")}
    subs = [w for w, b in zip(words[1:], bare[1:]) if b not in named]
    assert len(subs) == 5, subs
    head = [
        td(note, align, 3, 3) + td(named["申请人情况"], align, 7),
        td(named["自然人"], align, 1, 2) + td(named["法人或其他组织"], align, 5) + td(named["总计"], align, 1, 2),
        "".join(td(w, align) for w in subs),
    ]
    body = []  # (labels by level, figures)
    for r in rows[start:]:
        last = max(k for k, c in enumerate(r) if c and not is_figure(c))
        labels = {level(c): c for c in r[: last + 1] if c}
        figures = [c for c in r[last + 1:]]
        while figures and not figures[0]:
            figures.pop(0)
        while figures and not figures[-1]:
            figures.pop()
        assert len(figures) == 7, r
        body.append((labels, figures))

    def span(i, lv):
        """Rows from i down to the next label of level lv or above."""
        j = i + 1
        while j < len(body) and not any(k <= lv for k in body[j][0]):
            j += 1
        return j - i

    trs = []
    for i, (labels, figures) in enumerate(body):
        cells = ""
        top, mid, sub = labels.get(0), labels.get(1), labels.get(2)
        if top and top.replace(" ", "").startswith("三、"):
            cells += td(top, align, 1, span(i, 0))
        elif top:
            cells += td(top, align, 3)
        if mid and sub:
            cells += td(mid, align, 1, span(i, 1)) + td(sub, align)
        elif mid:
            cells += td(mid, align, 2)
        elif sub:
            cells += td(sub, align)
        trs.append(cells + "".join(td(f, align) for f in figures))
    return table_html(head, trs, [34, 34, 34] + [0] * 7, thead)


def table_four(rows, align, thead):
    """Table 四 with its two-level header: 行政复议 over five columns, 行政诉讼 over ten, its
    未经复议直接起诉 and 复议后起诉 over five each, the five of 行政复议 down two rows."""
    start = next(i for i, r in enumerate(rows) if r and all(is_figure(c) for c in r if c) and any(r))
    words = [c for r in rows[:start] for c in r if c]
    assert len(words) == 19, words
    head = [
        td(words[0], align, 5) + td(words[1], align, 10),
        "".join(td(w, align, 1, 2) for w in words[2:7]) + td(words[7], align, 5) + td(words[8], align, 5),
        "".join(td(w, align) for w in words[9:19]),
    ]
    trs = ["".join(td(c, align) for c in r if c) for r in rows[start:]]
    return table_html(head, trs, [0] * 15, thead)


def table_other(rows, align):
    """Any other table (二): as Word draws it, a cell with blank slots after it across them."""
    width = max(len(r) for r in rows)
    trs = []
    for r in rows:
        r = r + [""] * (width - len(r))
        cells, k = "", 0
        while k < width:
            n = 1
            while k + n < width and not r[k + n] and r[k]:
                n += 1
            cells += td(r[k], align, n)
            k += n
        trs.append(cells)
    widths = [60] + [0] * (width - 1)
    return table_html([], trs, widths, False)


def table_html(head, trs, widths, thead):
    cols = "".join(f'<col width="{w}" style="width:{w}pt">' if w else "<col>" for w in widths)
    out = ['<table border="1" cellspacing="0" cellpadding="2" width="100%">', cols]
    if thead and head:
        out.append("<thead>" + "".join(f"<tr>{h}</tr>" for h in head) + "</thead><tbody>")
        out.extend(f"<tr>{t}</tr>" for t in trs)
        out.append("</tbody>")
    else:
        out.extend(f"<tr>{t}</tr>" for t in head + trs)
    out.append("</table>")
    return "\n".join(out)


def merged_page(text, align, thead=False, push=""):
    """The report as HTML with its tables in the official merged layout; `push` (HTML) before
    table 三, to move its page break."""
    out = [STYLE.replace("ALIGN", align)]
    for kind, block in runs(text):
        if kind == "p":
            out.append("<p>" + html.escape(block) + "</p>")
        elif any("申请人情况" in c for r in block for c in r):
            out.append(push)
            out.append(table_three(block, align, thead))
        elif any(c.replace(" ", "") == "行政复议" for c in block[0]):
            out.append(table_four(block, align, thead))
        else:
            out.append(table_other(block, align))
    out.append("</body></html>")
    return "\n".join(out)


def mutate(text):
    """The report with its first figure of row 一 of table 三 (自然人) changed: B001 breaks on
    that row. The new figure is one the row has nowhere else (its place is findable)."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        cells = line.split("\t")
        if "\t" in line and cells[0].replace(" ", "").startswith("一、本年") and "申请" in cells[0]:
            k = next(k for k, c in enumerate(cells) if k > 0 and c.strip().isdigit())
            old = int(cells[k])
            new = next(v for v in range(old + 3, old + 100) if str(v) not in [c.strip() for c in cells])
            cells[k] = cells[k].replace(str(old), str(new))
            lines[i] = "\t".join(cells)
            return "\n".join(lines), (old, new)
    raise ValueError("no row 一 of table 三")


def chromium(html_path, pdf_path):
    chrome = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    profile = tempfile.mkdtemp(prefix="nianbao-chromium-")
    subprocess.run([chrome, "--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={profile}",
                    "--no-pdf-header-footer", f"--print-to-pdf={pdf_path}", "file://" + html_path],
                   check=True, capture_output=True, timeout=180)
    shutil.rmtree(profile, ignore_errors=True)


def libreoffice(html_path, pdf_path):
    tmp = tempfile.mkdtemp(prefix="nianbao-lo-")
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp}/profile", "--headless",
                    "--infilter=HTML (StarWriter)", "--convert-to", "pdf:writer_pdf_Export",
                    "--outdir", tmp, html_path], check=True, capture_output=True, timeout=300)
    shutil.copy(os.path.join(tmp, os.path.basename(html_path)[:-5] + ".pdf"), pdf_path)
    shutil.rmtree(tmp, ignore_errors=True)


# space before table 三 in the break fixtures, so that it breaks inside a wrapped label (Chromium
# heeds a block's height; LibreOffice's HTML import does not, but keeps empty paragraphs)
BREAK_PUSH = {"chromium": '<div style="height:250pt"></div>', "libreoffice": "<p>&nbsp;</p>" * 24}
GENERATORS = {"chromium": chromium, "libreoffice": libreoffice}


def main():
    parts = sys.argv[1:] or ["plain", "merged", "break", "mutants", "text"]
    os.makedirs(OUT, exist_ok=True)
    tmp = tempfile.mkdtemp(prefix="nianbao-grid-")
    listing = os.path.join(OUT, "sources.json")
    sources = json.load(open(listing, encoding="utf-8")) if os.path.exists(listing) else {}
    pdfs = []

    def make(stem, gen, page_html, source):
        src = os.path.join(tmp, stem + ".html")
        with open(src, "w", encoding="utf-8") as f:
            f.write(page_html)
        GENERATORS[gen](src, os.path.join(OUT, stem + ".pdf"))
        os.chmod(os.path.join(OUT, stem + ".pdf"), 0o644)
        sources[stem] = source
        pdfs.append(os.path.join(OUT, stem + ".pdf"))
        print(stem, flush=True)

    def text_of(name):
        return open(os.path.join(REPORTS, SOURCES[name]), encoding="utf-8").read()

    if "plain" in parts:
        for name, rel in SOURCES.items():
            for align in ALIGNS:
                for gen in GENERATORS:
                    make(f"{name}-{gen}-{align}", gen, page(text_of(name), align), "reports/" + rel)
    if "merged" in parts:
        for name in MERGED:
            for align in ALIGNS:
                for gen in GENERATORS:
                    make(f"{name}-merged-{gen}-{align}", gen, merged_page(text_of(name), align), "reports/" + SOURCES[name])
    if "break" in parts:
        # pushed down the page so that table 三 starts low on it and breaks inside row 一's label
        for head in ("thead", "plain"):
            for gen in GENERATORS:
                html_ = merged_page(text_of(BREAK), "bottom", thead=head == "thead", push=BREAK_PUSH[gen])
                make(f"{BREAK}-break-{head}-{gen}", gen, html_, "reports/" + SOURCES[BREAK])
    if "mutants" in parts:
        # each report once, bottom-aligned (the alignment that shifted rows), generators in turn
        names = [(n, "") for n in SOURCES] + [(n, "merged-") for n in MERGED]
        for k, (name, shape) in enumerate(names):
            gen = list(GENERATORS)[k % 2]
            stem = f"{name}-{shape}{gen}-bottom-b001"
            text, (old, new) = mutate(text_of(name))
            with open(os.path.join(OUT, stem + ".txt"), "w", encoding="utf-8") as f:
                f.write(text)
            html_ = merged_page(text, "bottom") if shape else page(text, "bottom")
            make(stem, gen, html_, f"pdf/grid/{stem}.txt")
            print(f"  一、本年新收 自然人: {old} -> {new}", flush=True)
    with open(listing, "w", encoding="utf-8") as f:
        json.dump(sources, f, indent=2, ensure_ascii=False)
        f.write("\n")
    shutil.rmtree(tmp, ignore_errors=True)
    if pdfs:
        subprocess.run(["node", os.path.join(ROOT, "scripts", "pdf-items.mjs"), *pdfs], check=True)
    if "text" in parts:
        for stem in sources:
            pdf = os.path.join(OUT, stem + ".pdf")
            subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", pdf, os.path.join(OUT, stem + ".layout.txt")], check=True)
            subprocess.run(["pdftotext", "-enc", "UTF-8", pdf, os.path.join(OUT, stem + ".raw.txt")], check=True)


if __name__ == "__main__":
    main()
