#!/usr/bin/env python3
"""Makes the Word 97–2003 (.doc) and web archive (.mht) fixtures from the
reports' texts, each by a producer other than nianbao:

    apt-get install -y --no-install-recommends libreoffice-writer-nogui
    pip install python-docx==1.2.0 olefile==0.47
    python3 scripts/make_doc_fixtures.py

Reports: every .txt of tests/fixtures/reports/seeds and dev, and the
one-figure mutant b001_row_total of seeds 000, 001 and 003
(tests/common/mutants.rs: 予以公开's 总计 set to 5; the edit is applied here as
`set_figure` does, and tests/doc_mht.rs checks the text against the Rust one).

    tests/fixtures/doc/NAME.doc   a .docx with real tables and merged cells
                                  (scripts/make_fixtures.py's plan, python-docx)
                                  converted by LibreOffice
                                  (`soffice --headless --convert-to doc`)
    tests/fixtures/mht/NAME.mht   the report as a portal page (make_fixtures'
                                  write_html: navigation, colspan/rowspan) in a
                                  MIME archive made by Python's email package,
                                  in turn: UTF-8 quoted-printable (CRLF, as
                                  Chromium), GB2312 quoted-printable (as IE and
                                  Word), GBK base64
    tests/fixtures/doc/special/   files that are not plain LibreOffice output:
        fast-saved.doc    seed 001 with its piece table rewritten as Word's fast
                          save leaves it: pieces out of order (one appended at the
                          end of the stream), one 8-bit piece, a property group
                          (Prc) in the Clx, fComplex set
        encrypted.doc     fEncrypted set in the FIB
        word95.doc        nFib of Word 95
        truncated.doc     cut in half
        rtf.doc           RTF (LibreOffice) under a .doc name
        html.doc          the UTF-8 portal page under a .doc name
        docx.doc          the python-docx .docx under a .doc name
        mht.doc           the GB2312 web archive under a .doc name
        seed-001.wps      the .doc under a .wps name
        works.wps         a compound file with a Works-style CONTENTS stream
        truncated.mht     the GB2312 archive cut before its page ends, no closing boundary
        no-page.mht       an archive with a stylesheet and no page

Running it again gives the same .mht bytes; LibreOffice's .doc files differ
only in their time stamps.
"""

import email.encoders
import email.policy
import glob
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
from email.mime.multipart import MIMEMultipart
from email.mime.nonmultipart import MIMENonMultipart
from email.mime.text import MIMEText

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_fixtures  # noqa: E402  (blocks, write_docx, write_html)

FIX = make_fixtures.FIX
DOC = os.path.join(FIX, "doc")
MHT = os.path.join(FIX, "mht")
SPECIAL = os.path.join(DOC, "special")
B_ANCHOR = "收到和处理政府信息公开申请情况\n"


def set_figure(text, anchor, label, k, new):
    """tests/common/mod.rs set_figure: the k-th figure after `label`, searched after `anchor`."""
    a = text.index(anchor)
    i = text.index(label, a) + len(label)
    seen = 0
    while i < len(text):
        if text[i].isascii() and text[i].isdigit():
            start = i
            while i < len(text) and text[i].isascii() and (text[i].isdigit() or text[i] == "."):
                i += 1
            ordinal = text[start:i].endswith(".") or text[i:].startswith("、")
            if not ordinal:
                if seen == k:
                    return text[:start] + new + text[i:]
                seen += 1
        else:
            i += 1
    raise ValueError(f"figure {k} after {label} not found")


def reports():
    """(name, text) of every report made into fixtures."""
    out = []
    for d in ("seeds", "dev"):
        for f in sorted(glob.glob(os.path.join(FIX, "reports", d, "*.txt"))):
            with open(f, encoding="utf-8") as fh:
                out.append((os.path.basename(f)[:-4], fh.read()))
    seeds = dict(out)
    for seed, shape in (("000_4d177dac3167f082", "space"), ("001_43e3c9ba6b70e239", "tab"), ("003_ea91102f3cc3d767", "vertical")):
        out.append((f"b001_row_total.{shape}", set_figure(seeds[seed], B_ANCHOR, "予以公开", 6, "5")))
    return out


def page_html(text, tmp):
    """The report as make_fixtures' portal page, as text."""
    path = os.path.join(tmp, "page.html")
    make_fixtures.write_html(make_fixtures.blocks(text), path)
    with open(path, "rb") as f:
        return f.read().decode("gbk")


def archive(html, variant, title):
    """A web archive of the page: 0 UTF-8 QP (CRLF), 1 GB2312 QP, 2 GBK base64."""
    charset = ("utf-8", "gb2312", "gbk")[variant]
    html = html.replace("charset=gb2312", f"charset={charset}")
    body = html.encode("utf-8" if charset == "utf-8" else "gbk", errors="xmlcharrefreplace")
    msg = MIMEMultipart("related", type="text/html", boundary=f"----=_NextPart_000_{variant:04d}_nianbao")
    msg["From"] = "<Saved by nianbao make_doc_fixtures.py>"
    msg["Subject"] = title
    msg["Date"] = "Mon, 1 Jan 2024 00:00:00 +0800"
    part = MIMENonMultipart("text", "html", charset=charset)
    part.set_payload(body)
    if variant == 2:
        email.encoders.encode_base64(part)
    else:
        email.encoders.encode_quopri(part)
    part["Content-Location"] = "http://www.example.gov.cn/zwgk/ndbg/report.html"
    msg.attach(part)
    css = MIMEText("td { border: 1px solid #000 }", "css", "utf-8")
    css["Content-Location"] = "http://www.example.gov.cn/css/main.css"
    msg.attach(css)
    policy = email.policy.SMTP if variant == 0 else email.policy.default.clone(linesep="\n")
    return msg.as_bytes(policy=policy)


def soffice(src, fmt, outdir):
    subprocess.run(["soffice", "--headless", "--convert-to", fmt, "--outdir", outdir, src],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def write_cfb(streams):
    """A compound file (version 3, 512-byte sectors) of `streams` (name → bytes) at its top.
    Every stream is padded to 4096 bytes at least, so that none goes in the mini stream
    (padding after a Word stream's data changes nothing)."""
    FREE, END, FATSECT = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD
    names = sorted(streams, key=lambda n: (len(n), n.upper()))
    data, starts, fat_chain = b"", {}, []
    for n in names:
        s = streams[n]
        s = s + b"\0" * (max(4096, -(-len(s) // 512) * 512) - len(s))
        first = len(data) // 512
        count = len(s) // 512
        starts[n] = (first, len(streams[n]) if len(streams[n]) >= 4096 else len(s))
        fat_chain += [first + i + 1 for i in range(count - 1)] + [END]
        data += s
    # Directory: root and one entry a stream, each the right sibling of the one before.
    entries = [("Root Entry", 5, END, 0)] + [(n, 2, *starts[n]) for n in names]
    d = b""
    for i, (name, kind, start, size) in enumerate(entries):
        u = name.encode("utf-16-le")
        child = 1 if kind == 5 and len(entries) > 1 else FREE
        right = i + 1 if kind == 2 and i + 1 < len(entries) else FREE
        d += u + b"\0" * (64 - len(u)) + struct.pack("<HBBIII", len(u) + 2, kind, 1, FREE, right, child)
        d += b"\0" * 36 + struct.pack("<IQ", start, size)
    d += b"\0" * (-len(d) % 512)
    dir_first = len(data) // 512
    dir_count = len(d) // 512
    fat_chain += [dir_first + i + 1 for i in range(dir_count - 1)] + [END]
    data += d
    n_fat = 1
    while (len(fat_chain) + n_fat) > n_fat * 128:
        n_fat += 1
    fat_first = len(data) // 512
    fat_chain += [FATSECT] * n_fat
    fat = struct.pack(f"<{len(fat_chain)}I", *fat_chain)
    fat += struct.pack("<I", FREE) * ((n_fat * 512 - len(fat)) // 4)
    data += fat
    header = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + b"\0" * 16 + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + b"\0" * 6
    header += struct.pack("<9I", 0, n_fat, dir_first, 0, 4096, END, 0, END, 0)
    header += struct.pack("<109I", *([fat_first + i for i in range(n_fat)] + [FREE] * (109 - n_fat)))
    assert len(header) == 512
    return header + data


def fast_saved(doc_path):
    """The .doc with its piece table rewritten as a fast save leaves it (see the module doc)."""
    import olefile
    ole = olefile.OleFileIO(doc_path)
    streams = {"/".join(p): ole.openstream(p).read() for p in ole.listdir() if len(p) == 1}
    word = bytearray(streams["WordDocument"])
    table_name = "1Table" if struct.unpack_from("<H", word, 0x0A)[0] & 0x0200 else "0Table"
    table = streams[table_name]
    fc_clx, lcb_clx = struct.unpack_from("<II", word, 0x1A2)
    clx = table[fc_clx:fc_clx + lcb_clx]
    assert clx[0] == 2
    n = (len(clx) - 5 - 4) // 12
    assert n == 1, "LibreOffice wrote one piece"
    cp_end = struct.unpack_from("<I", clx, 9)[0]
    fc = struct.unpack_from("<I", clx, 5 + 8 + 2)[0] & 0x3FFFFFFF
    text = word[fc:fc + 2 * cp_end].decode("utf-16-le")
    # An ASCII run in the prose (8-bit piece) and a paragraph (moved to the end).
    m = re.search(r"统计数据从(2023)年", text)
    a8, b8 = m.start(1), m.end(1)
    p = text.index("（二）依申请公开情况")
    pa, pb = p, text.index("\r", p) + 1
    assert b8 < pa
    pieces = []  # (cp_start, cp_end, fc, compressed)
    moved_fc = len(word)
    word += text[pa:pb].encode("utf-16-le")
    eight_fc = len(word)
    word += text[a8:b8].encode("ascii")
    for s, e in ((0, a8), (a8, b8), (b8, pa), (pa, pb), (pb, cp_end)):
        if (s, e) == (a8, b8):
            pieces.append((s, e, eight_fc, True))
        elif (s, e) == (pa, pb):
            pieces.append((s, e, moved_fc, False))
        else:
            pieces.append((s, e, fc + 2 * s, False))
    plc = b"".join(struct.pack("<I", s) for s, _, _, _ in pieces) + struct.pack("<I", cp_end)
    for i, (s, e, f, comp) in enumerate(pieces):
        raw = (f * 2) | 0x40000000 if comp else f
        prm = 1 if i == 2 else 0  # Prm1 → the Prc below (sprmPFKeep 1)
        plc += struct.pack("<HIH", 0, raw, prm)
    new_clx = b"\x01" + struct.pack("<h", 3) + b"\x05\x24\x01" + b"\x02" + struct.pack("<I", len(plc)) + plc
    new_table = table + new_clx
    struct.pack_into("<II", word, 0x1A2, len(table), len(new_clx))
    flags = struct.unpack_from("<H", word, 0x0A)[0]
    struct.pack_into("<H", word, 0x0A, (flags & ~0x00F0) | 0x0004 | 0x0030)
    streams["WordDocument"] = bytes(word)
    streams[table_name] = new_table
    return write_cfb(streams)


def patched(doc_path, offset, fn):
    """The .doc with the FIB's 16-bit field at `offset` changed by `fn` (found where the
    WordDocument stream's FIB starts, on a sector boundary)."""
    with open(doc_path, "rb") as f:
        data = bytearray(f.read())
    at = next(o for o in range(512, len(data), 512) if data[o:o + 2] == b"\xec\xa5")
    v = struct.unpack_from("<H", data, at + offset)[0]
    struct.pack_into("<H", data, at + offset, fn(v))
    return bytes(data)


def main():
    if not shutil.which("soffice"):
        sys.exit("needs LibreOffice: apt-get install -y --no-install-recommends libreoffice-writer-nogui")
    os.makedirs(DOC, exist_ok=True)
    os.makedirs(MHT, exist_ok=True)
    os.makedirs(SPECIAL, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for i, (name, text) in enumerate(reports()):
            docx = os.path.join(tmp, f"{name}.docx")
            make_fixtures.write_docx(make_fixtures.blocks(text), docx)
            soffice(docx, "doc", tmp)
            shutil.copy(os.path.join(tmp, f"{name}.doc"), os.path.join(DOC, f"{name}.doc"))
            html = page_html(text, tmp)
            with open(os.path.join(MHT, f"{name}.mht"), "wb") as f:
                f.write(archive(html, i % 3, name))
            if name == "001_43e3c9ba6b70e239":
                seed_doc, seed_docx, seed_html = os.path.join(DOC, f"{name}.doc"), docx, html
                shutil.copy(docx, os.path.join(tmp, "seed.docx"))
        special = lambda n: os.path.join(SPECIAL, n)  # noqa: E731
        with open(special("fast-saved.doc"), "wb") as f:
            f.write(fast_saved(seed_doc))
        with open(special("encrypted.doc"), "wb") as f:
            f.write(patched(seed_doc, 0x0A, lambda v: v | 0x0100))
        with open(special("word95.doc"), "wb") as f:
            f.write(patched(seed_doc, 0x02, lambda v: 0x68))
        with open(seed_doc, "rb") as f:
            data = f.read()
        with open(special("truncated.doc"), "wb") as f:
            f.write(data[: len(data) // 2])
        shutil.copy(seed_doc, special("seed-001.wps"))
        soffice(os.path.join(tmp, "seed.docx"), "rtf", tmp)
        shutil.copy(os.path.join(tmp, "seed.rtf"), special("rtf.doc"))
        shutil.copy(os.path.join(tmp, "seed.docx"), special("docx.doc"))
        with open(special("html.doc"), "wb") as f:
            f.write(seed_html.replace("charset=gb2312", "charset=utf-8").encode("utf-8"))
        gb = archive(seed_html, 1, "001")
        with open(special("mht.doc"), "wb") as f:
            f.write(gb)
        with open(os.path.join(MHT, "special-truncated.mht"), "wb") as f:
            f.write(gb[: len(gb) // 2])
        msg = MIMEMultipart("related", boundary="----=_NextPart_nopage")
        msg.attach(MIMEText("td { border: 1px solid #000 }", "css", "utf-8"))
        with open(os.path.join(MHT, "special-no-page.mht"), "wb") as f:
            f.write(msg.as_bytes(policy=email.policy.default.clone(linesep="\n")))
        with open(special("works.wps"), "wb") as f:
            f.write(write_cfb({"CONTENTS": b"\0" * 5000, "SPELLING": b"\0" * 100}))


if __name__ == "__main__":
    main()
