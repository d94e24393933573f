#!/usr/bin/env python3
"""Makes the PDF test fixtures in tests/fixtures/pdf/ (run once; the outputs are committed, so
the tests need neither LibreOffice nor Chromium nor ReportLab):

  <report>.pdf                  LibreOffice (../shared/tools/pdf_shapes.py: each run of
                                tab-separated lines a Word table), from seeds 001-004 and four
                                dev reports (the text it was made from is the report's one copy
                                in tests/fixtures/reports; tests/pdf.rs maps each PDF to it)
  seed-001-b001.pdf/.txt        seed 001 with one figure changed before rendering (自然人 of
                                “一、本年新收” 2 -> 3): B001 and B003 on that cell
  chromium-102.pdf              a saved web page (dev/102) printed to PDF by headless Chromium
  reportlab-004.pdf             seed 004 set with ReportLab's non-embedded STSong-Light
                                (UniGB-UCS2-H), as iText/ReportLab systems write PDFs
  scanned.pdf                   pages as pictures only (no text layer)
  undecodable.pdf               text whose font maps every code to U+FFFD (no characters)
  encrypted.pdf                 opens only with a user password
  truncated.pdf, corrupted.pdf  a LibreOffice PDF cut in half; one with its middle overwritten

then every PDF's pdf.js items (scripts/pdf-items.mjs, the page's own reader) as .items.json.

Needs: apt-get install libreoffice-writer-nogui poppler-utils fonts-noto-cjk chromium;
       pip install python-docx reportlab; npm ci (pdfjs-dist)
"""
import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(os.path.dirname(ROOT), "shared")
OUT = os.path.join(ROOT, "tests", "fixtures", "pdf")
REPORTS = os.path.join(SHARED, "reports")
SHAPES = os.path.join(SHARED, "tools", "pdf_shapes.py")

LIBREOFFICE = {
    "seed-001": "seeds/001_43e3c9ba6b70e239.txt",
    "seed-002": "seeds/002_a8d23b48448f5a19.txt",
    "seed-003": "seeds/003_ea91102f3cc3d767.txt",
    "seed-004": "seeds/004_5cd136013ffaed5d.txt",
    "dev-108": "dev/108_czj2023.txt",
    "dev-117": "dev/117_suping2022.txt",
    # web pages copied flat (tables inside one paragraph): lines wrap inside rows and headings
    "dev-107": "dev/107_junshan2019.txt",
    "dev-124": "dev/124_junshan2023.txt",
}


def libreoffice(name, text, keep_text=False):
    """name.pdf from a report text, through pdf_shapes.py (and name.txt with keep_text: a text
    that is not a report's copy)."""
    tmp = tempfile.mkdtemp(prefix="nianbao-pdf-")
    src = os.path.join(tmp, name + ".txt")
    with open(src, "w", encoding="utf-8") as f:
        f.write(text)
    subprocess.run([sys.executable, SHAPES, src, tmp], check=True, capture_output=True)
    shutil.copy(os.path.join(tmp, name + ".pdf"), os.path.join(OUT, name + ".pdf"))
    if keep_text:
        shutil.copy(src, os.path.join(OUT, name + ".txt"))
    shutil.rmtree(tmp)


def mutant(text):
    """Seed 001 with 自然人 of row 一、本年新收 changed from 2 to 3."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if line.startswith("一、本年新收政府信息公开申请数量\t"):
            cells = line.split("\t")
            assert cells[2] == "2", cells
            cells[2] = "3"
            lines[i] = "\t".join(cells)
            return "\n".join(lines)
    raise SystemExit("seed 001: row 一 not found")


def chromium(name, html_path):
    chrome = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    profile = tempfile.mkdtemp(prefix="nianbao-chromium-")
    subprocess.run([chrome, "--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={profile}",
                    "--no-pdf-header-footer", f"--print-to-pdf={os.path.join(OUT, name + '.pdf')}",
                    "file://" + html_path], check=True, capture_output=True, timeout=120)
    shutil.rmtree(profile, ignore_errors=True)


def reportlab(name, txt_path, encrypt=None):
    """The report set with the non-embedded STSong-Light: paragraphs, and each run of
    tab-separated lines a table with wrapped cells (as pdf_shapes.py makes the Word table)."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle
    from xml.sax.saxutils import escape

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    body = ParagraphStyle("body", fontName="STSong-Light", fontSize=10, leading=14, wordWrap="CJK")
    cell = ParagraphStyle("cell", fontName="STSong-Light", fontSize=8, leading=10, wordWrap="CJK")
    story, table = [], []

    def flush():
        if not table:
            return
        width = max(len(r) for r in table)
        rows = [[Paragraph(escape(c.strip()), cell) for c in r] + [""] * (width - len(r)) for r in table]
        t = Table(rows, colWidths=[(A4[0] - 100) / width] * width)
        t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
        story.append(t)
        table.clear()

    for line in open(txt_path, encoding="utf-8").read().splitlines():
        if "\t" in line:
            table.append(line.split("\t"))
            continue
        flush()
        if line.strip():
            story.append(Paragraph(escape(line.strip()), body))
    flush()
    kw = {"encrypt": encrypt} if encrypt else {}
    SimpleDocTemplate(os.path.join(OUT, name + ".pdf"), pagesize=A4, leftMargin=50, rightMargin=50, **kw).build(story)


def scanned(src_pdf):
    """Each page of src_pdf as a picture, nothing else."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    tmp = tempfile.mkdtemp(prefix="nianbao-scan-")
    subprocess.run(["pdftoppm", "-r", "40", "-gray", "-png", "-l", "1", src_pdf, os.path.join(tmp, "p")], check=True)
    c = canvas.Canvas(os.path.join(OUT, "scanned.pdf"), pagesize=A4)
    for png in sorted(os.listdir(tmp)):
        c.drawImage(os.path.join(tmp, png), 0, 0, width=A4[0], height=A4[1])  # noqa: the only content
        c.showPage()
    c.save()
    shutil.rmtree(tmp)


def undecodable():
    """A hand-made PDF whose font's ToUnicode maps every code to U+FFFD, as broken converters
    leave it: readers get text, but no characters."""
    cmap = (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Junk def\n"
            b"1 begincodespacerange <00> <FF> endcodespacerange\n"
            b"95 beginbfchar\n" + b"".join(b"<%02X> <FFFD>\n" % c for c in range(0x20, 0x7F)) + b"endbfchar\nendcmap CMapName currentdict /CMap defineresource pop end end\n")
    lines = [b"BT /F1 12 Tf 72 %d Td (%s) Tj ET" % (760 - 16 * i, (b"Gov info disclosure annual report line %d" % i)) for i in range(30)]
    content = b"\n".join(lines)
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(cmap), cmap),
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, o in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (i, o)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    open(os.path.join(OUT, "undecodable.pdf"), "wb").write(out)


def damaged(src_pdf):
    data = open(src_pdf, "rb").read()
    open(os.path.join(OUT, "truncated.pdf"), "wb").write(data[: len(data) // 2])
    # the header kept, everything after its first kilobyte overwritten (a disk or transfer fault)
    open(os.path.join(OUT, "corrupted.pdf"), "wb").write(data[:1024] + bytes((i * 7919) % 251 for i in range(len(data) // 8)))


def main():
    os.makedirs(OUT, exist_ok=True)
    for name, rel in LIBREOFFICE.items():
        libreoffice(name, open(os.path.join(REPORTS, rel), encoding="utf-8").read())
    libreoffice("seed-001-b001", mutant(open(os.path.join(REPORTS, LIBREOFFICE["seed-001"]), encoding="utf-8").read()), keep_text=True)
    chromium("chromium-102", os.path.join(REPORTS, "dev", "102_pingtan2024.html"))
    reportlab("reportlab-004", os.path.join(REPORTS, LIBREOFFICE["seed-004"]))
    from reportlab.lib import pdfencrypt
    reportlab("encrypted", os.path.join(REPORTS, LIBREOFFICE["seed-004"]), encrypt=pdfencrypt.StandardEncryption("年报2024", ownerPassword="owner", strength=128))
    scanned(os.path.join(OUT, "seed-004.pdf"))
    undecodable()
    damaged(os.path.join(OUT, "seed-002.pdf"))
    for f in os.listdir(OUT):
        if os.path.isfile(os.path.join(OUT, f)):  # real/ (the published PDFs) is a folder
            os.chmod(os.path.join(OUT, f), 0o644)
    pdfs = sorted(os.path.join(OUT, f) for f in os.listdir(OUT) if f.endswith(".pdf"))
    subprocess.run(["node", os.path.join(ROOT, "scripts", "pdf-items.mjs"), *pdfs], check=True)


if __name__ == "__main__":
    main()
