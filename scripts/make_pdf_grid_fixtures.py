#!/usr/bin/env python3
"""Makes the PDF fixtures of tables whose label column is narrow (issue 20) in
tests/fixtures/pdf/grid/ (run once; the outputs are committed):

  <report>-<generator>-<align>.pdf   every report of tests/fixtures/reports (seeds, dev) with
                                     tab-separated tables, as an HTML page whose each run of
                                     tab-separated lines is a ruled table, its first column
                                     3.2 em wide (labels wrap over 3-8 lines), every cell
                                     aligned top, middle or bottom (vertical-align / valign);
                                     printed by headless Chromium, and converted by LibreOffice
                                     (soffice --convert-to pdf)
  ....items.json                     pdf.js's items (scripts/pdf-items.mjs)
  sources.json                       each PDF and the report text it was made from

Needs: libreoffice-writer, chromium, fonts-noto-cjk; npm ci (pdfjs-dist)
"""
import html
import json
import os
import shutil
import subprocess
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


def page(text, align):
    """The report as HTML: paragraphs, and each run of tab-separated lines a ruled table."""
    out = ['<!doctype html><html><head><meta charset="utf-8"><style>'
           'body{font-family:"Noto Serif CJK SC","Noto Sans CJK SC",serif;font-size:10.5pt}'
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


def main():
    os.makedirs(OUT, exist_ok=True)
    tmp = tempfile.mkdtemp(prefix="nianbao-grid-")
    sources, pdfs = {}, []
    for name, rel in SOURCES.items():
        text = open(os.path.join(REPORTS, rel), encoding="utf-8").read()
        for align in ALIGNS:
            src = os.path.join(tmp, f"{name}-{align}.html")
            with open(src, "w", encoding="utf-8") as f:
                f.write(page(text, align))
            for gen, make in (("chromium", chromium), ("libreoffice", libreoffice)):
                stem = f"{name}-{gen}-{align}"
                make(src, os.path.join(OUT, stem + ".pdf"))
                os.chmod(os.path.join(OUT, stem + ".pdf"), 0o644)
                sources[stem] = "reports/" + rel
                pdfs.append(os.path.join(OUT, stem + ".pdf"))
                print(stem, flush=True)
    with open(os.path.join(OUT, "sources.json"), "w", encoding="utf-8") as f:
        json.dump(sources, f, indent=2, ensure_ascii=False)
        f.write("\n")
    shutil.rmtree(tmp, ignore_errors=True)
    subprocess.run(["node", os.path.join(ROOT, "scripts", "pdf-items.mjs"), *pdfs], check=True)


if __name__ == "__main__":
    main()
