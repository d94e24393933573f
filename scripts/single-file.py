#!/usr/bin/env python3
"""Writes the single-file offline edition of the web checker: SITE/nianbao.html.

    scripts/single-file.py SITE_DIR        (scripts/build-wasm.sh runs it after building SITE_DIR)

One HTML file that needs nothing else: opened by a double click from a USB stick or a shared
folder (file://), it loads no other file and makes no request. Into it go:

- the page (www/index.html's body), page.css as an inline <style>;
- the JS modules (checker.js and its parts input.js, results.js, exports.js; render.js, nianbao.js
  and the two wasm-bindgen glue modules) as
  ONE inline <script type="module">: each module becomes a function scope in a registry, its
  `import … from './x.js'` a lookup in that registry (a small bundler for these known modules,
  not a general one: anything it does not understand fails the build rather than slipping through);
- assets.js replaced by a module that hands out the inline things: the two .wasm files as base64
  in <script type="application/octet-stream"> data blocks (never executed) decoded to bytes for
  wasm-bindgen's init, style.css as text for a <style> in the element's shadow root, the sample.

Content-Security-Policy: the served site allows only 'self' scripts and styles. From file://
there is no usable 'self' (Chromium gives file: pages an opaque origin), so this edition lists
its inline script and its two inline stylesheets by SHA-256 hash instead, and allows nothing
else: no 'unsafe-inline' (a hash admits exactly this code, and an injected <script> or style
attribute still would not run), no connect-src (nothing is fetched), 'wasm-unsafe-eval' to
compile the WebAssembly, worker-src blob: for the worker that checks large texts (built by the
hashed script from a Blob: no other script can run to make one). The hashes are computed here, over the exact text written.
"""

import base64
import hashlib
import json
import posixpath
import re
import sys
from pathlib import Path

MODULES = ["pkg/nianbao.js", "pkg/nianbao_files.js", "assets.js", "render.js", "nianbao.js", "input.js", "results.js", "exports.js", "checker.js"]

ASSETS = """\
// The single-file edition's assets.js (written by scripts/single-file.py): everything inline.
const bytes = (id) => {
  const bin = atob(document.getElementById(id).textContent.replace(/\\s+/g, ''));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
};
export const coreWasm = () => bytes('nianbao-wasm');
export const filesModule = async () => __modules['pkg/nianbao_files.js'];
export const filesWasm = () => bytes('nianbao-files-wasm');
// The worker that checks large texts and batches of files (nianbao.js): from a Blob URL, the only
// URL a file:// page can give one, built from WORKER, the glue code, nianbao.js and a body bundled by
// single-file.py (a classic worker: Chromium refuses a module worker from blob: under file://'s
// opaque origin), with both wasm modules' bytes posted to it. The CSP admits it by `worker-src blob:`: only
// the hashed script runs here, so only it can make one. Where it still cannot start, nianbao.js
// checks on the main thread (the explicit fallback).
let workerSpec = null;
export const worker = () => (workerSpec ??= { url: URL.createObjectURL(new Blob([WORKER], { type: 'text/javascript' })), type: 'classic', wasm: { core: bytes('nianbao-wasm'), files: bytes('nianbao-files-wasm') } });
export const style = () => STYLE;
export const sample = () => SAMPLE;
// No PDF reader here: pdf.js (some 2 MB with its worker) is not inlined; a PDF gets
// nianbao.js's PDF_NEEDS_SITE message (use the served site).
export const pdfModule = async () => null;
"""

WORKER_ASSETS = """\
// The single-file edition's worker's assets.js (scripts/single-file.py): the wasm bytes posted with each job.
export const coreWasm = () => self.__nianbaoWasm.core;
export const filesModule = async () => __modules['pkg/nianbao_files.js'];
export const filesWasm = () => self.__nianbaoWasm.files;
export const worker = () => null;
export const style = () => '';
export const sample = () => '';
"""

WORKER_BODY = """
// ---- the worker's body (scripts/single-file.py; www/worker.js is the served site's): nianbao.js's jobs
const { runJob } = __modules['nianbao.js'];
self.onmessage = async (e) => {
  const { id, op, data, wasm } = e.data;
  self.__nianbaoWasm = wasm;
  try {
    const result = await runJob(op, data, (progress) => self.postMessage({ id, progress }));
    self.postMessage({ id, result });
  } catch (err) {
    self.postMessage({ id, error: String(err?.message ?? err) });
  }
};
"""

IMPORT = re.compile(r"^import\s+(.+?)\s+from\s+'(\./[^']+)';\s*$")
EXPORT_DECL = re.compile(r"^export\s+((?:async\s+)?function\*?|class|const)\s+([A-Za-z_$][\w$]*)")
EXPORT_LIST = re.compile(r"^export\s*\{([^}]*)\};?\s*$")


def fail(msg):
    sys.exit(f"single-file.py: {msg}")


def bundle_module(name, src):
    """One ES module as a function scope returning its exports."""
    out, exports = [], []
    here = posixpath.dirname(name)
    for n, line in enumerate(src.split("\n"), 1):
        m = IMPORT.match(line)
        if m:
            spec, path = m.group(1).strip(), posixpath.normpath(posixpath.join(here, m.group(2)))
            if path not in MODULES:
                fail(f"{name}:{n}: imports {path}, which is not bundled")
            ref = f"__modules[{json.dumps(path)}]"
            parts, decl = [p.strip() for p in re.split(r",(?![^{]*\})", spec)], []
            for p in parts:
                if p.startswith("* as "):
                    decl.append(f"const {p[5:].strip()} = {ref};")
                elif p.startswith("{"):
                    names = [x.strip() for x in p.strip("{} ").split(",") if x.strip()]
                    pairs = [f"{a.split(' as ')[0].strip()}: {a.split(' as ')[1].strip()}" if " as " in a else a for a in names]
                    decl.append(f"const {{ {', '.join(pairs)} }} = {ref};")
                elif re.fullmatch(r"[A-Za-z_$][\w$]*", p):
                    decl.append(f"const {p} = {ref}.default;")
                else:
                    fail(f"{name}:{n}: cannot bundle the import {spec!r}")
            out.append(" ".join(decl))
            continue
        m = EXPORT_DECL.match(line)
        if m:
            exports.append((m.group(2), m.group(2)))
            out.append(line[len("export") :].lstrip())
            continue
        m = EXPORT_LIST.match(line)
        if m:
            for item in m.group(1).split(","):
                item = item.strip()
                if not item:
                    continue
                local, _, public = item.partition(" as ")
                exports.append((local.strip(), (public or local).strip()))
            continue
        if re.match(r"^\s*(import|export)\b", line) or re.search(r"(?<![\w.$])import\s*\(", line):
            fail(f"{name}:{n}: cannot bundle {line.strip()!r}")
        out.append(line)
    body = "\n".join(out)
    ret = ", ".join(f"{json.dumps(pub)}: {loc}" for loc, pub in exports)
    return f"// ---- {name}\n__modules[{json.dumps(name)}] = (() => {{\n{body}\nreturn Object.freeze({{ {ret} }});\n}})();\n"


def sha256(text):
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def main():
    if len(sys.argv) != 2:
        fail("usage: single-file.py SITE_DIR")
    site = Path(sys.argv[1])
    read = lambda p: (site / p).read_text(encoding="utf-8")
    style, page_css, sample = read("style.css"), read("page.css"), read("sample.txt")

    # The worker's source (a classic script): the two glue modules, nianbao.js (its jobs) with an
    # assets.js that hands out the posted wasm bytes, and WORKER_BODY. The glue's default wasm path
    # uses import.meta, a syntax error outside modules; the worker never takes it.
    worker = "const __modules = {};\n"
    for name in ["pkg/nianbao.js", "pkg/nianbao_files.js"]:
        glue = read(name)
        if glue.count("import.meta.url") != 1:
            fail(f"{name}: expected one import.meta.url (the default wasm path)")
        worker += bundle_module(name, glue.replace("import.meta.url", "self.location.href"))
    worker += bundle_module("assets.js", WORKER_ASSETS) + bundle_module("nianbao.js", read("nianbao.js")) + WORKER_BODY
    assets = ASSETS.replace("WORKER]", json.dumps(worker, ensure_ascii=False) + "]").replace("STYLE;", json.dumps(style, ensure_ascii=False) + ";").replace("SAMPLE;", json.dumps(sample, ensure_ascii=False) + ";")
    script = "\n// nianbao (年报核查), single-file edition: the page's modules, bundled by scripts/single-file.py.\nconst __modules = {};\n"
    for name in MODULES:
        script += bundle_module(name, assets if name == "assets.js" else read(name))
    # "</script" would end the inline script: in JS source (comments, strings) "<\/" means the same.
    script = re.sub(r"</(script)", r"<\\/\1", script, flags=re.IGNORECASE)

    index = read("index.html")
    head_end = index.index("</head>")
    body = index[index.index("<body>") + len("<body>") : index.index("</body>")]
    if "<script" in body:
        fail("index.html's body holds a script; the single-file edition would not hash it")
    icon = "data:image/svg+xml;base64," + base64.b64encode((site / "favicon.svg").read_bytes()).decode()
    csp = "; ".join(
        [
            "default-src 'none'",
            f"script-src {sha256(script)} 'wasm-unsafe-eval'",
            f"style-src {sha256(page_css)} {sha256(style)}",
            "img-src data:",
            "worker-src blob:",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'none'",
        ]
    )
    title = re.search(r"<title>(.*?)</title>", index[:head_end]).group(1)
    wasm = lambda p: base64.b64encode((site / p).read_bytes()).decode()
    wrap = lambda s: "\n".join(s[i : i + 120] for i in range(0, len(s), 120))
    html = f"""<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<!-- Single-file edition: inline script and styles admitted by their SHA-256 hashes (see scripts/single-file.py), nothing fetched. -->
<meta http-equiv="Content-Security-Policy" content="{csp}">
<meta name="referrer" content="no-referrer">
<meta name="generator" content="nianbao scripts/single-file.py">
<title>{title}（离线单文件版）</title>
<link rel="icon" href="{icon}" type="image/svg+xml">
<style>{page_css}</style>
<script type="application/octet-stream" id="nianbao-wasm">
{wrap(wasm("pkg/nianbao_bg.wasm"))}
</script>
<script type="application/octet-stream" id="nianbao-files-wasm">
{wrap(wasm("pkg/nianbao_files_bg.wasm"))}
</script>
<script type="module">{script}</script>
</head>
<body>{body}</body>
</html>
"""
    out = site / "nianbao.html"
    out.write_text(html, encoding="utf-8")
    size = out.stat().st_size
    import gzip

    gz = len(gzip.compress(html.encode("utf-8"), 9))
    print(f"single file: {out} {size} bytes ({size / 1024:.1f} KiB), {gz} bytes gzipped ({gz / 1024:.1f} KiB)")


if __name__ == "__main__":
    main()
