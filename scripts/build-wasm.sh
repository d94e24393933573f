#!/usr/bin/env bash
# Builds the web checker: the core as WebAssembly (cargo rustc for wasm32-unknown-unknown,
# wasm-bindgen --target web, wasm-opt), plus www/, into one self-contained site folder (dist/ by
# default), and the single-file offline edition dist/nianbao.html (scripts/single-file.py).
# Every setting comes from wasm-pack.toml at the top level: this script reads it.
# The three modules share one cargo target directory (target/wasm): each module's --cfg goes to
# this crate alone (`cargo rustc -- --cfg …`), so the dependencies are compiled once, not once
# a module; only this crate is compiled again for each module.
# Prints each .wasm's size, raw and gzipped, and fails over a budget; prints how long each module
# took, and adds it to $NIANBAO_TIMES when that is set (scripts/test.sh's table of stages).
# Tools missing? Run scripts/setup.sh (as root on Debian) first.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

# --- settings from wasm-pack.toml -> shell variables ---------------------------------------
eval "$(python3 - <<'EOF'
import shlex, sys
try:
    import tomllib
except ModuleNotFoundError:
    sys.exit("build-wasm.sh: needs Python 3.11+ (tomllib) to read wasm-pack.toml")
with open("wasm-pack.toml", "rb") as f:
    c = tomllib.load(f)
b, o, cargo = c["build"], c.get("wasm-opt", {}), c.get("cargo", {})
q = lambda v: shlex.quote(str(v))
arr = lambda name, xs: print(f"{name}=(" + " ".join(q(x) for x in xs) + ")")
print(f"TARGET={q(b['target'])} PROFILE={q(b.get('profile', 'release'))}")
print(f"SITE_DIR={q(b['site_dir'])} PKG_DIR={q(b['pkg_dir'])} WWW_DIR={q(b['www_dir'])}")
print(f"OPT_ENABLED={1 if o.get('enabled', False) else 0} OPT_MIN_VERSION={q(o.get('min_version', 0))}")
arr("OPT_COMMANDS", o.get("commands", ["wasm-opt"]))
arr("OPT_FLAGS", o.get("flags", []))
modules = c["module"]
# one entry a module: out_name|rustc flags for this crate|gzip budget|raw budget
# (the cfg names are declared in Cargo.toml, [lints.rust] unexpected_cfgs)
arr("MODULES", [
    "|".join([m["out_name"], " ".join(f"--cfg {x}" for x in m.get("cfg", [])),
              str(m.get("gzip_budget", 0)), str(m.get("raw_budget", 0))])
    for m in modules
])
prof = b.get("profile", "release").upper().replace("-", "_")
for k, v in cargo.get("profile_overrides", {}).items():
    print(f"export CARGO_PROFILE_{prof}_{k.upper().replace('-', '_')}={q(v)}")
EOF
)"

need() {
    command -v "$1" >/dev/null 2>&1 || { echo "build-wasm.sh: $1 not found; run scripts/setup.sh first" >&2; exit 1; }
}
need cargo
need wasm-bindgen
want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' Cargo.lock)
have=$(wasm-bindgen --version | awk '{ print $2 }')
if [ -n "$want" ] && [ "$want" != "$have" ]; then
    echo "build-wasm.sh: wasm-bindgen-cli $have installed, Cargo.lock pins $want; run scripts/setup.sh" >&2
    exit 1
fi

# The wasm-opt to use: the first of OPT_COMMANDS at least OPT_MIN_VERSION.
opt=""
if [ "$OPT_ENABLED" = 1 ]; then
    for cmd in "${OPT_COMMANDS[@]}"; do
        command -v "$cmd" >/dev/null 2>&1 || continue
        version=$("$cmd" --version 2>/dev/null | grep -o '[0-9][0-9]*' | head -n 1 || true)
        if [ "${version:-0}" -ge "$OPT_MIN_VERSION" ]; then
            opt=$cmd
            break
        fi
        echo "build-wasm.sh: note: $cmd is binaryen ${version:-?}, older than $OPT_MIN_VERSION (wasm-pack.toml): not used" >&2
    done
    [ -n "$opt" ] || echo "build-wasm.sh: note: no usable wasm-opt (run scripts/setup.sh); the wasm is not optimised further" >&2
fi

# cargo puts the dev profile's output in debug/, every other profile's in a folder of its name
PROFILE_DIR=$PROFILE
[ "$PROFILE" != dev ] || PROFILE_DIR=debug

rm -rf "$SITE_DIR"
mkdir -p "$SITE_DIR/$PKG_DIR"
kib() { awk -v b="$1" 'BEGIN { printf "%.1f KiB", b / 1024 }'; }
# how long a module took, wall and CPU, for scripts/test.sh's table ($NIANBAO_TIMES), also when
# it fails. CPU: bash's `times` (this shell's finished children), run in this shell.
current="" started="" cpu_started=""
cpu_now() {
    times >"$root/target/wasm/times"
    cpu=$(awk 'NR == 2 { for (i = 1; i <= 2; i++) { split($i, p, "m"); sub("s", "", p[2]); t += p[1] * 60 + p[2] } printf "%.1f", t }' "$root/target/wasm/times")
}
record() {
    local took
    took=$(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
    cpu_now
    echo "==> $current: $took s ($(awk -v a="$cpu_started" -v b="$cpu" 'BEGIN { printf "%.1f", b - a }') s CPU)" >&2
    [ -z "${NIANBAO_TIMES:-}" ] ||
        printf '%s\t%s\t%s\t%s\n' "wasm module $current" "$took" "$(awk -v a="$cpu_started" -v b="$cpu" 'BEGIN { printf "%.1f", b - a }')" "$1" >>"$NIANBAO_TIMES"
}
trap '[ -z "$current" ] || record failed' EXIT
mkdir -p target/wasm
over=0
for spec in "${MODULES[@]}"; do
    IFS='|' read -r name flags gzip_budget raw_budget <<<"$spec"
    current=$name started=$(date +%s.%N) module_over=0
    cpu_now
    cpu_started=$cpu

    # --- 1. cargo rustc (this crate's --cfg only), then wasm-bindgen as wasm-pack would run it ---
    # (wasm-pack build --target web --mode no-install --no-opt --no-pack --no-typescript ran
    # `cargo build --lib` and this wasm-bindgen command; cargo build cannot give a --cfg to one
    # crate alone, cargo rustc can, and it is part of cargo's fingerprint: another module's
    # flags rebuild this crate, never the dependencies). --crate-type cdylib: the wasm alone,
    # without the rlib of Cargo.toml's crate-type, which the wasm does not need; with nothing but
    # LTO outputs cargo compiles the dependencies as bitcode for LTO, and the wasm comes out some
    # 10 % smaller (the checker 355,790 -> 319,878 bytes after wasm-opt, the same exports and glue)
    out="target/wasm/out/$name"
    rm -rf "$out"
    echo "==> $name: cargo rustc --lib --profile $PROFILE --target wasm32-unknown-unknown${flags:+ -- $flags}; wasm-bindgen --target $TARGET" >&2
    # shellcheck disable=SC2086 # $flags: words (--cfg name ...)
    CARGO_TARGET_DIR=target/wasm nice -n 10 cargo rustc --quiet --lib --crate-type cdylib --profile "$PROFILE" \
        --target wasm32-unknown-unknown -- $flags >&2
    nice -n 10 wasm-bindgen "target/wasm/wasm32-unknown-unknown/$PROFILE_DIR/nianbao.wasm" --out-dir "$out" --no-typescript \
        --target "$TARGET" --out-name "$name" >&2
    wasm="$out/${name}_bg.wasm"
    [ -f "$wasm" ] || { echo "build-wasm.sh: $wasm was not produced" >&2; exit 1; }

    # --- 2. wasm-opt ------------------------------------------------------------------------------
    if [ -n "$opt" ]; then
        before=$(stat -c %s "$wasm")
        if nice -n 10 "$opt" "${OPT_FLAGS[@]}" "$wasm" -o "$wasm.opt" 2>"$out/wasm-opt.log"; then
            mv "$wasm.opt" "$wasm"
            echo "==> $name: $opt ${OPT_FLAGS[*]}: $before -> $(stat -c %s "$wasm") bytes" >&2
        else
            echo "build-wasm.sh: warning: wasm-opt failed, keeping the unoptimised wasm:" >&2
            cat "$out/wasm-opt.log" >&2
        fi
    fi
    cp "$out/$name.js" "$wasm" "$SITE_DIR/$PKG_DIR/"

    # --- 3. size and budget -------------------------------------------------------------------------
    raw=$(stat -c %s "$wasm")
    gz=$(gzip -9 -c "$wasm" | wc -c)
    echo "wasm size: $PKG_DIR/${name}_bg.wasm $raw bytes raw ($(kib "$raw")), $gz bytes gzipped ($(kib "$gz")); budget $(kib "$gzip_budget") gzipped"
    if [ "$gzip_budget" -gt 0 ] && [ "$gz" -gt "$gzip_budget" ]; then
        echo "build-wasm.sh: ${name}_bg.wasm is over its gzipped budget ($gz > $gzip_budget bytes, wasm-pack.toml [[module]])" >&2
        module_over=1
    fi
    if [ "$raw_budget" -gt 0 ] && [ "$raw" -gt "$raw_budget" ]; then
        echo "build-wasm.sh: ${name}_bg.wasm is over its raw budget ($raw > $raw_budget bytes, wasm-pack.toml [[module]])" >&2
        module_over=1
    fi
    if [ "$module_over" = 1 ]; then record "over budget"; over=1; else record ok; fi
    current=""
done

# --- 4. the site folder: www/ + the packages ---------------------------------------------------
cp -R "$WWW_DIR"/. "$SITE_DIR"/

# --- 4b. pdf.js for PDFs (package.json pins pdfjs-dist; `npm ci` installs it): the legacy build
# (older Chromium kernels of 360/奇安信 browsers; www/pdf-items.js adds Promise.withResolvers) and
# the two cMaps without which a non-embedded Chinese font yields no text. Loaded only for a PDF.
pdfjs=node_modules/pdfjs-dist
[ -f "$pdfjs/legacy/build/pdf.min.mjs" ] || { echo "build-wasm.sh: $pdfjs not installed; run scripts/setup.sh (npm ci)" >&2; exit 1; }
mkdir -p "$SITE_DIR/pdfjs/cmaps"
cp "$pdfjs/legacy/build/pdf.min.mjs" "$pdfjs/legacy/build/pdf.worker.min.mjs" "$pdfjs/LICENSE" "$SITE_DIR/pdfjs/"
cp "$pdfjs/cmaps/UniGB-UCS2-H.bcmap" "$pdfjs/cmaps/Adobe-GB1-UCS2.bcmap" "$SITE_DIR/pdfjs/cmaps/"
for f in pdf.min.mjs pdf.worker.min.mjs cmaps/UniGB-UCS2-H.bcmap cmaps/Adobe-GB1-UCS2.bcmap; do
    raw=$(stat -c %s "$SITE_DIR/pdfjs/$f")
    echo "pdf.js size: pdfjs/$f $raw bytes raw ($(kib "$raw")), $(gzip -9 -c "$SITE_DIR/pdfjs/$f" | wc -c) bytes gzipped"
done

# --- 5. the single-file offline edition: <site_dir>/nianbao.html (everything inline; prints its size)
python3 scripts/single-file.py "$SITE_DIR"
echo "site: $root/$SITE_DIR ($(find "$SITE_DIR" -type f | wc -l) files, $(du -sh "$SITE_DIR" | cut -f1))"
exit "$over"
