#!/usr/bin/env python3
"""Makes the .docx and .html fixtures of a seed report from its text.

    pip install python-docx==1.2.0
    python3 scripts/make_fixtures.py

Reads tests/fixtures/reports/seeds/001_43e3c9ba6b70e239.txt (seed 001, tab-separated
tables) and writes

    tests/fixtures/docx/seed-001-numbered.docx   the same, its headings 一、
                                        and （一） numbered by Word's lists
    tests/fixtures/docx/seed-001.docx   Word: paragraphs and real tables, with
                                        merged cells (gridSpan, vMerge) where
                                        the text has a label followed or
                                        underlaid by empty cells
    tests/fixtures/html/seed-001.html   a portal page in GBK (meta charset
                                        gb2312) with navigation, a script, a
                                        style, entities, and the tables with
                                        colspan/rowspan

Both come from one merge plan, so each should give back the seed's text
(cells, spans as empty cells) and the same findings: tests/convert.rs checks
that. Also writes the two-year continuity pairs made from the seed
(tests/fixtures/continuity/zhongwei-2024-*.txt).
"""

import html
import os

from docx import Document

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
FIX = os.path.join(ROOT, "tests", "fixtures")


def blocks(text):
    """Paragraph lines and tables (runs of lines with tabs), in order."""
    out = []
    table = None
    for line in text.split("\n"):
        if "\t" in line:
            if table is None:
                table = []
                out.append(("table", table))
            table.append(line.split("\t"))
        else:
            table = None
            if line.strip():
                out.append(("p", line.strip()))
    return out


def plan(rows):
    """Cells to write: (row, col, text, colspan, rowspan) and the grid width.

    A non-empty cell absorbs the empty cells to its right (colspan); in the
    first two columns a non-empty cell also absorbs the empty cells below it
    while the rows below are indented past it (rowspan)."""
    width = max(len(r) for r in rows)
    grid = [r + [""] * (width - len(r)) for r in rows]
    covered = set()
    cells = []
    for r, row in enumerate(grid):
        for c, text in enumerate(row):
            if (r, c) in covered:
                continue
            if text == "":
                cells.append((r, c, "", 1, 1))
                continue
            colspan = 1
            while c + colspan < width and grid[r][c + colspan] == "" and (r, c + colspan) not in covered:
                colspan += 1
            rowspan = 1
            if c <= 1 and colspan == 1:
                while r + rowspan < len(grid) and all(grid[r + rowspan][k] == "" for k in range(c + 1)):
                    rowspan += 1
            for dr in range(rowspan):
                for dc in range(colspan):
                    if dr or dc:
                        covered.add((r + dr, c + dc))
            cells.append((r, c, text, colspan, rowspan))
    return width, cells


def stable_zip(path):
    """Rewrites a zip with fixed timestamps, so that running this script again
    gives the same bytes."""
    import zipfile
    with zipfile.ZipFile(path) as z:
        items = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in items:
            z.writestr(zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0)), data, compress_type=zipfile.ZIP_DEFLATED)


def write_docx(parts, path):
    doc = Document()
    for kind, value in parts:
        if kind == "p":
            doc.add_paragraph(value)
        else:
            write_table(doc, value)
    doc.save(path)
    stable_zip(path)


def write_table(doc, value):
    """A table of the seed's rows, merged by the plan."""
    width, cells = plan(value)
    table = doc.add_table(rows=len(value), cols=width)
    table.style = "Table Grid"
    for r, c, text, colspan, rowspan in cells:
        cell = table.cell(r, c)
        if colspan > 1 or rowspan > 1:
            cell = cell.merge(table.cell(r + rowspan - 1, c + colspan - 1))
        # Short spaced header words (结果 维持) go on two lines, as in the template.
        words = text.split(" ")
        if 1 < len(words) <= 3 and len(text) <= 6:
            cell.paragraphs[0].text = words[0]
            for w in words[1:]:
                cell.add_paragraph(w)
        else:
            cell.paragraphs[0].text = text


def write_docx_numbered(parts, path):
    """The seed again, its headings 一、… and （一）… made Word list items
    (automatic numbering, chineseCounting) instead of typed text."""
    import re
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    doc = Document()
    numbering = doc.part.numbering_part.element
    numbering.insert(0, parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">'
        '<w:multiLevelType w:val="multilevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:suff w:val="nothing"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/><w:suff w:val="nothing"/></w:lvl>'
        '</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    top = re.compile(r"^[一二三四五六]、")
    sub = re.compile(r"^（[一二三四五六七八九十]+）")
    for kind, value in parts:
        if kind == "table":
            write_table(doc, value)
            continue
        level, text = None, value
        if top.match(value):
            level, text = 0, value[2:]
        elif sub.match(value):
            level, text = 1, sub.sub("", value)
        para = doc.add_paragraph(text)
        if level is not None:
            para._p.get_or_add_pPr().append(parse_xml(
                f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>'))
    doc.save(path)
    stable_zip(path)


def write_html(parts, path):
    out = [
        "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\">",
        "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">",
        "<title>中卫市人民政府 - 政府信息公开年报</title>",
        "<style>td { border: 1px solid #000 } .x > p { margin: 0 }</style>",
        "<script>var nav = '<table><tr><td>1</td></tr></table>'; if (a < b) { document.write('&amp;'); }</script>",
        "</head><body>",
        "<div class=\"top-nav\"><ul><li><a href=\"/\">首页</a></li><li><a href=\"/zwgk\">政务公开</a></li></ul></div>",
        "<div class=\"breadcrumb\">当前位置：首页 &gt; 政务公开 &gt; 年度报告</div>",
        "<div class=\"article\">",
    ]
    for kind, value in parts:
        if kind == "p":
            text = html.escape(value, quote=False).replace("“", "&ldquo;").replace("”", "&rdquo;")
            out.append(f"<p style=\"text-indent:2em\">&nbsp;&nbsp;{text}</p>")
            continue
        width, cells = plan(value)
        out.append("<table border=\"1\" cellspacing=\"0\"><tbody>")
        by_row = {}
        for r, c, text, colspan, rowspan in cells:
            by_row.setdefault(r, []).append((text, colspan, rowspan))
        for r in range(len(value)):
            tds = []
            for text, colspan, rowspan in by_row.get(r, []):
                attrs = ""
                if colspan > 1:
                    attrs += f" colspan=\"{colspan}\""
                if rowspan > 1:
                    attrs += f" rowspan={rowspan}"
                body = html.escape(text, quote=False).replace(" ", "<br>\n", 1) if len(text) <= 6 else html.escape(text, quote=False)
                tds.append(f"<td{attrs}><p class=\"MsoNormal\">{body}</p></td>")
            out.append("<tr>\n" + "\n".join(tds) + "\n</tr>")
        out.append("</tbody></table>")
    out += ["</div>", "<div id=\"footer\">主办：中卫市人民政府办公室 &copy; 版权所有</div>", "</body></html>"]
    with open(path, "wb") as f:
        f.write("\n".join(out).encode("gbk", errors="xmlcharrefreplace"))


def continuity_pairs(seed):
    """2024 versions of the seed (a 2023 report): one breaking continuity, one consistent."""
    nxt = seed.replace("2024", "2025").replace("2023", "2024")
    nxt = nxt.replace("中卫市审批服务管理局 2024年政府信息公开工作年度报告", "宁夏回族自治区中卫市审批服务管理局 2024年政府信息公开工作年度报告", 1)
    # Broken: 上年结转 stays 0 though 2023 carried 1 over; 现行有效 stays 0.
    with open(os.path.join(FIX, "continuity", "zhongwei-2024-broken.txt"), "w", encoding="utf-8") as f:
        f.write(nxt)
    # Consistent: 1 carried over and 1 new (so the table still balances);
    # no document issued or repealed, 0 still valid.
    ok = nxt.replace("一、本年新收政府信息公开申请数量\t\t2\t0\t0\t0\t0\t0\t2", "一、本年新收政府信息公开申请数量\t\t1\t0\t0\t0\t0\t0\t1")
    ok = ok.replace("二、上年结转政府信息公开申请数量\t\t0\t0\t0\t0\t0\t0\t0", "二、上年结转政府信息公开申请数量\t\t1\t0\t0\t0\t0\t0\t1")
    ok = ok.replace("行政规范性文件\t0\t7\t0", "行政规范性文件\t0\t0\t0")
    assert ok.count("\t1\t0\t0\t0\t0\t0\t1") >= 2
    with open(os.path.join(FIX, "continuity", "zhongwei-2024-consistent.txt"), "w", encoding="utf-8") as f:
        f.write(ok)


def hostile(seed_docx):
    """Files that must be refused cleanly (tests/fixtures/docx/hostile/)."""
    import zipfile, zlib
    d = os.path.join(FIX, "docx", "hostile")
    os.makedirs(d, exist_ok=True)
    rels = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
            'Target="word/document.xml"/></Relationships>')
    # A zip bomb: document.xml inflates to 64 MB of one repeated paragraph.
    with zipfile.ZipFile(os.path.join(d, "bomb.docx"), "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("_rels/.rels", rels)
        para = "<w:p><w:r><w:t>0</w:t></w:r></w:p>"
        body = para * (64 * 1024 * 1024 // len(para))
        z.writestr("word/document.xml", "<w:document><w:body>" + body + "</w:body></w:document>")
    # Elements nested a million deep.
    with zipfile.ZipFile(os.path.join(d, "nested.docx"), "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("_rels/.rels", rels)
        n = 1_000_000
        z.writestr("word/document.xml", "<w:document><w:body>" + "<w:sdt>" * n + "x" + "</w:sdt>" * n + "</w:body></w:document>")
    # The seed's .docx cut in half (a download that did not finish).
    with open(seed_docx, "rb") as f:
        data = f.read()
    with open(os.path.join(d, "truncated.docx"), "wb") as f:
        f.write(data[: len(data) // 2])
    for name in ("bomb.docx", "nested.docx"):
        stable_zip(os.path.join(d, name))
    # A PNG image renamed .docx.
    png = b"\x89PNG\r\n\x1a\n" + (13).to_bytes(4, "big") + b"IHDR" + (1).to_bytes(4, "big") * 2 + b"\x08\x02\0\0\0"
    png += zlib.crc32(png[12:]).to_bytes(4, "big")
    with open(os.path.join(d, "image.docx"), "wb") as f:
        f.write(png)
    # A zip that is not a Word document.
    with zipfile.ZipFile(os.path.join(d, "archive.docx"), "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("报告/说明.txt", "年度报告见附件")
    stable_zip(os.path.join(d, "archive.docx"))
    # Plain text named .docx.
    with open(os.path.join(d, "text.docx"), "w", encoding="utf-8") as f:
        f.write("一、总体情况\n")


def main():
    with open(os.path.join(FIX, "reports", "seeds", "001_43e3c9ba6b70e239.txt"), encoding="utf-8") as f:
        seed = f.read()
    parts = blocks(seed)
    write_docx(parts, os.path.join(FIX, "docx", "seed-001.docx"))
    write_docx_numbered(parts, os.path.join(FIX, "docx", "seed-001-numbered.docx"))
    write_html(parts, os.path.join(FIX, "html", "seed-001.html"))
    continuity_pairs(seed)
    hostile(os.path.join(FIX, "docx", "seed-001.docx"))


if __name__ == "__main__":
    main()
