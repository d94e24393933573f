"""Minimal .docx seeds from the real reports: one paragraph a line, and lines
with tabs as table rows. Run by seed.sh; writes corpus/convert_docx/."""
import glob, os, sys, zipfile
from xml.sax.saxutils import escape

CT = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
      '<Default Extension="xml" ContentType="application/xml"/>'
      '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
      '</Types>')
RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
        '</Relationships>')

def body(text):
    out, rows = [], []
    def flush():
        if rows:
            out.append('<w:tbl>' + ''.join('<w:tr>' + ''.join(
                f'<w:tc><w:p><w:r><w:t>{escape(c)}</w:t></w:r></w:p></w:tc>' for c in r) + '</w:tr>' for r in rows) + '</w:tbl>')
            rows.clear()
    for line in text.splitlines():
        if '\t' in line:
            rows.append(line.split('\t'))
        else:
            flush()
            out.append(f'<w:p><w:r><w:t xml:space="preserve">{escape(line)}</w:t></w:r></w:p>')
    flush()
    return ''.join(out)

reports, dest = sys.argv[1], sys.argv[2]
for f in sorted(glob.glob(os.path.join(reports, '*', '*.txt'))):
    text = open(f, encoding='utf-8').read()
    doc = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
           '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
           + body(text) + '</w:body></w:document>')
    name = os.path.join(dest, os.path.basename(f)[:-4] + '.docx')
    with zipfile.ZipFile(name, 'w', zipfile.ZIP_DEFLATED) as z:
        z.writestr('[Content_Types].xml', CT)
        z.writestr('_rels/.rels', RELS)
        z.writestr('word/document.xml', doc)
