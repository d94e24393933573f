#!/usr/bin/env python3
"""Makes the PDF-shape fixtures of tests/corpus.rs (needs LibreOffice; the tests do not).

    scripts/make_shapes.py OUT_DIR REPORT.txt...

For each tab-separated REPORT, writes OUT_DIR/<name>/<variant>.tab.txt (the report, or the
report with one figure changed) and, through ../shared/tools/pdf_shapes.py (Word -> PDF ->
pdftotext), <variant>.layout.txt and <variant>.raw.txt; and OUT_DIR/<name>/mutants.json:
(orig.tab.txt is not written when REPORT is the report's one copy in tests/fixtures/reports:
tests/corpus.rs reads it there)
for each variant the changed cell (table, row, column as in the JSON contract), the figure
before and after. Variants:
  orig    the report as it is
  result  table 三 （一）予以公开 · 自然人 + 1
  total   table 三 一、本年新收（新收） · 总计 + 1
  carry   table 三 四、结转下年度继续办理 · 自然人 + 1
  review  table 四 行政复议 · 结果维持 + 1
  blank   table 三 （二）部分公开 · 科研机构 left empty (an empty cell: B004 warning, counted as 0)
"""
import json, os, re, shutil, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
TOOL = os.path.join(HERE, "..", "..", "shared", "tools", "pdf_shapes.py")
NUM = re.compile(r"^\s*\d+\s*$")

# (variant, table, row keyword, row index in the JSON contract, numeric cell index)
MUTANTS = [
    ("result", "B", "予以公开", 2, 0),
    ("total", "B", "新收", 0, 6),
    ("carry", "B", "结转下年度", 24, 0),
    ("review", "C", None, 0, 0),
    ("blank", "B", "部分公开", 3, 2),
]


def mutate(text, table, key, cell, blank=False):
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if "\t" not in line:
            continue
        cells = line.split("\t")
        nums = [j for j, c in enumerate(cells) if NUM.match(c)]
        if table == "B" and key in line and len(nums) >= 7:
            pass
        elif table == "C" and key is None and len(nums) == 15:
            pass
        else:
            continue
        j = nums[cell]
        old = int(cells[j])
        new = None if blank else old + 1
        cells[j] = "" if blank else cells[j].replace(str(old), str(old + 1))
        lines[i] = "\t".join(cells)
        return "\n".join(lines), old, new
    raise SystemExit(f"no row for {table} {key}")


def is_report_copy(name, text):
    """Whether text is the report's one copy in tests/fixtures/reports."""
    for sub in ("seeds", "real", "dev"):
        p = os.path.join(HERE, "..", "tests", "fixtures", "reports", sub, name + ".txt")
        if os.path.exists(p) and open(p, encoding="utf-8").read() == text:
            return True
    return False


def main(out, reports):
    for rep in reports:
        name = os.path.basename(rep).split(".")[0]
        d = os.path.join(out, name)
        os.makedirs(d, exist_ok=True)
        text = open(rep, encoding="utf-8").read()
        variants = {"orig": (text, None)}
        for v, table, key, row, cell in MUTANTS:
            t, old, new = mutate(text, table, key, cell, blank=(v == "blank"))
            col = cell if table == "B" else 0
            variants[v] = (t, {"table": table, "row": row, "column": col, "before": old, "after": new})
        manifest = {}
        for v, (t, change) in variants.items():
            tmp = tempfile.mkdtemp()
            src = os.path.join(tmp, f"{v}.txt")
            open(src, "w", encoding="utf-8").write(t)
            if v != "orig" or not is_report_copy(name, t):
                shutil.copy(src, os.path.join(d, f"{v}.tab.txt"))
            subprocess.run([sys.executable, TOOL, src, tmp], check=True, capture_output=True)
            for shape in ("layout", "raw"):
                shutil.copy(os.path.join(tmp, f"{v}.{shape}.txt"), os.path.join(d, f"{v}.{shape}.txt"))
            shutil.rmtree(tmp)
            manifest[v] = change
        json.dump(manifest, open(os.path.join(d, "mutants.json"), "w"), indent=1)
        print(d)


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2:])
