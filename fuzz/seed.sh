#!/bin/sh
# Builds the seed corpora from the real reports in ../shared/reports (all of
# them), plus GB18030 and UTF-16 encodings of each for the bytes target.
set -eu
cd "$(dirname "$0")"
reports=../../shared/reports
mkdir -p corpus/check_text corpus/check_bytes
for f in "$reports"/*/*.txt "$reports"/README.md; do
  name=$(basename "$f")
  cp "$f" "corpus/check_text/$name"
  cp "$f" "corpus/check_bytes/$name"
  if command -v iconv >/dev/null; then
    iconv -f UTF-8 -t GB18030 "$f" > "corpus/check_bytes/$name.gb18030" 2>/dev/null || true
    { printf '\377\376'; iconv -f UTF-8 -t UTF-16LE "$f"; } > "corpus/check_bytes/$name.utf16le" 2>/dev/null || true
  fi
done
# Word and web-page fixtures of the project (tests/fixtures), and the reports
# wrapped as a minimal web page.
mkdir -p corpus/convert_docx corpus/convert_html
find ../tests/fixtures -name '*.docx' -exec cp {} corpus/convert_docx/ \; 2>/dev/null || true
python3 make_docx_seeds.py "$reports" corpus/convert_docx 2>/dev/null || true
find ../tests/fixtures -name '*.htm*' -exec cp {} corpus/convert_html/ \; 2>/dev/null || true
for f in "$reports"/*/*.txt; do
  name=$(basename "$f" .txt)
  { printf '<!doctype html><html><head><meta charset="utf-8"></head><body><table>'
    sed 's/\t/<\/td><td>/g; s/^/<tr><td>/; s/$/<\/td><\/tr>/' "$f"
    printf '</table></body></html>'; } > "corpus/convert_html/$name.html"
done
# Word 97–2003 and web archive fixtures (scripts/make_doc_fixtures.py): every
# report's .doc and .mht, and the special ones (fast-saved, encrypted, cut short).
mkdir -p corpus/convert_doc corpus/convert_mht
find ../tests/fixtures/doc -name '*.doc' -exec cp {} corpus/convert_doc/ \; 2>/dev/null || true
find ../tests/fixtures/doc -name '*.wps' -exec cp {} corpus/convert_doc/ \; 2>/dev/null || true
find ../tests/fixtures/mht -name '*.mht' -exec cp {} corpus/convert_mht/ \; 2>/dev/null || true
# Regressions found earlier are seeds too.
if [ -d ../tests/fixtures/regressions ]; then
  cp ../tests/fixtures/regressions/* corpus/check_text/ 2>/dev/null || true
  cp ../tests/fixtures/regressions/* corpus/check_bytes/ 2>/dev/null || true
fi
