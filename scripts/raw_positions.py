#!/usr/bin/env python3
"""Checks that every table 三 cell read from the reading-order PDF shapes stands in its place on the page.

    scripts/raw_positions.py [SHAPES_DIR]        (default tests/fixtures/shapes; needs LibreOffice,
                                                  poppler and a release build of the command line)

tests/corpus.rs compares the figures read with the report's own, which cannot see a 0 read into
the cell of another 0. This script can: for every variant of every shapes folder it renders the
tab text again through ../shared/tools/pdf_shapes.py (the raw text must come out identical to
the fixture), takes each figure's box from `pdftotext -bbox-layout` (whose lines are the raw
text's lines, in the same order), gives it its row (figures on one baseline of one page, in page
order) and its column (left to right; a row short of a figure by the page's full rows' places),
and compares with the row and column the checker shows for the figure's line. Prints the cells
read, how many stand in their place, and every one that does not.
"""
import glob, html, json, os, re, shutil, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TOOL = os.path.join(ROOT, "..", "shared", "tools", "pdf_shapes.py")
BIN = os.path.join(ROOT, "target", "release", "nianbao")
FIG = re.compile(r"\d+")


def words(pdf):
    """The words in reading order, each with its page, line key and box."""
    h = subprocess.run(["pdftotext", "-bbox-layout", pdf, "-"], capture_output=True, text=True, check=True).stdout
    out = []
    for p, page in enumerate(re.findall(r"<page [^>]*>(.*?)</page>", h, re.S)):
        for k, line in enumerate(re.findall(r"<line [^>]*>(.*?)</line>", page, re.S)):
            for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="[\d.]+">([^<]*)</word>', line):
                out.append(dict(page=p, line=(p, k), x=float(m[1]), y=float(m[2]), t=html.unescape(m[3])))
    return out


def cells_on_page(ws):
    """Word index -> (row, column) of table 三's figures, by their boxes."""
    s = next(i for i, w in enumerate(ws) if "收到和处理政府信息公开申请情况" in w["t"] and "三" in w["t"])
    e = next(i for i, w in enumerate(ws) if i > s and w["t"].startswith("五、"))
    head = ws[s]
    figs = [(i, w) for i, w in enumerate(ws[s:e], s)
            if FIG.fullmatch(w["t"]) and not (w["page"] == head["page"] and w["y"] < head["y"])]
    rows = []
    for i, w in sorted(figs, key=lambda p: (p[1]["page"], p[1]["y"], p[1]["x"])):
        if rows and rows[-1][0][1]["page"] == w["page"] and abs(rows[-1][0][1]["y"] - w["y"]) < 3:
            rows[-1].append((i, w))
        else:
            rows.append([(i, w)])
    rows = rows[:25]
    places = {}
    for row in rows:
        if len(row) == 7:
            places.setdefault(row[0][1]["page"], sorted(w["x"] for _, w in row))
    cell = {}
    for r, row in enumerate(rows):
        for c, (i, w) in enumerate(sorted(row, key=lambda p: p[1]["x"])):
            if len(row) != 7 and w["page"] in places:
                xs = places[w["page"]]
                c = min(range(7), key=lambda k: abs(xs[k] - w["x"]))
            cell[i] = (r, c)
    return cell


def line_cells(pdf, raw_text):
    """Raw text line number (1-based) -> the (row, column) of table 三's figures on it."""
    ws = words(pdf)
    cell = cells_on_page(ws)
    lines = []
    for i, w in enumerate(ws):
        if not lines or lines[-1][0] != w["line"]:
            lines.append((w["line"], []))
        lines[-1][1].append(i)
    numbers = [n for n, l in enumerate(raw_text.split("\n"), 1) if l.replace("\f", "").strip()]
    if len(numbers) != len(lines):
        raise SystemExit(f"{pdf}: {len(lines)} lines in the boxes, {len(numbers)} in the text")
    return {n: [cell[i] for i in idx if i in cell] for (_, idx), n in zip(lines, numbers)}


def main(shapes):
    total = {"read": 0, "in place": 0, "elsewhere": 0, "no box": 0}
    for d in sorted(glob.glob(os.path.join(shapes, "*", "mutants.json"))):
        d = os.path.dirname(d)
        name = os.path.basename(d)
        for v in json.load(open(os.path.join(d, "mutants.json"))):
            tab = os.path.join(d, f"{v}.tab.txt")
            if not os.path.exists(tab):
                found = glob.glob(os.path.join(ROOT, "tests", "fixtures", "reports", "*", f"{name}.txt"))
                if len(found) != 1:
                    print(f"{name}/{v}: no tab text")
                    continue
                tab = found[0]
            raw_path = os.path.join(d, f"{v}.raw.txt")
            tmp = tempfile.mkdtemp()
            try:
                shutil.copy(tab, os.path.join(tmp, f"{v}.txt"))
                subprocess.run([sys.executable, TOOL, os.path.join(tmp, f"{v}.txt"), tmp], check=True, capture_output=True)
                raw = open(raw_path, encoding="utf-8").read()
                if open(os.path.join(tmp, f"{v}.raw.txt"), encoding="utf-8").read() != raw:
                    print(f"{name}/{v}: the PDF made again gives another text; skipped")
                    continue
                where = line_cells(os.path.join(tmp, f"{v}.pdf"), raw)
            finally:
                shutil.rmtree(tmp)
            out = subprocess.run([BIN, "check", "--format", "json", raw_path], capture_output=True, text=True).stdout
            grid = next(g for g in json.loads(out)[0]["report"]["grids"] if g["table"] == "B")
            for r, row in enumerate(grid["rows"]):
                for c, cell in enumerate(row["cells"]):
                    if cell.get("value") is None or "place" not in cell:
                        continue
                    total["read"] += 1
                    at = where.get(cell["place"]["line"])
                    if not at:
                        total["no box"] += 1
                        print(f"{name}/{v}: ({r}, {c}) = {cell['value']} has no figure box on its line")
                    elif (r, c) in at:
                        total["in place"] += 1
                    else:
                        total["elsewhere"] += 1
                        print(f"{name}/{v}: ({r}, {c}) = {cell['value']} stands at {at} on the page")
    print(total)
    return total["elsewhere"] + total["no box"]


if __name__ == "__main__":
    sys.exit(1 if main(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "tests", "fixtures", "shapes")) else 0)
