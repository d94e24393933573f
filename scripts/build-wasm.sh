#!/usr/bin/env bash
# Builds the web checker: the core as WebAssembly (wasm-pack --target web, --mode no-install,
# wasm-opt by hand) plus www/, into one self-contained site folder (dist/ by default).
# Every setting comes from wasm-pack.toml at the top level, which wasm-pack itself does not
# read: this script does. Prints the .wasm size, raw and gzipped, and fails over the budget.
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
b, o, g = c["build"], c.get("wasm-opt", {}), c.get("budget", {})
def out(name, value):
    print(f"{name}={shlex.quote(str(value))}")
out("TARGET", b["target"])
out("PROFILE", b.get("profile", "release"))
out("OUT_NAME", b["out_name"])
out("SITE_DIR", b["site_dir"])
out("PKG_DIR", b["pkg_dir"])
out("WWW_DIR", b["www_dir"])
out("OPT_ENABLED", "1" if o.get("enabled", False) else "0")
print("OPT_COMMANDS=(" + " ".join(shlex.quote(x) for x in o.get("commands", ["wasm-opt"])) + ")")
out("OPT_MIN_VERSION", o.get("min_version", 0))
print("OPT_FLAGS=(" + " ".join(shlex.quote(x) for x in o.get("flags", [])) + ")")
out("BUDGET_GZIP", g.get("gzip_bytes", 0))
out("BUDGET_RAW", g.get("raw_bytes", 0))
prof = b.get("profile", "release").upper().replace("-", "_")
cargo = c.get("cargo", {})
for k, v in cargo.get("profile_overrides", {}).items():
    print(f"export CARGO_PROFILE_{prof}_{k.upper().replace('-', '_')}={shlex.quote(str(v))}")
if cargo.get("rustflags"):
    print(f"export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS={shlex.quote(cargo['rustflags'])}")
EOF
)"

need() {
    command -v "$1" >/dev/null 2>&1 || { echo "build-wasm.sh: $1 not found; run scripts/setup.sh first" >&2; exit 1; }
}
need cargo
need wasm-pack
need wasm-bindgen
want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' Cargo.lock)
have=$(wasm-bindgen --version | awk '{ print $2 }')
if [ -n "$want" ] && [ "$want" != "$have" ]; then
    echo "build-wasm.sh: wasm-bindgen-cli $have installed, Cargo.lock pins $want; run scripts/setup.sh" >&2
    exit 1
fi

# --- 1. wasm-pack (offline: no-install uses the wasm-bindgen on PATH; its wasm-opt is off) ----
out="target/wasm-pack/$OUT_NAME"
rm -rf "$out"
echo "==> wasm-pack build --target $TARGET --$PROFILE --mode no-install" >&2
nice -n 10 wasm-pack --quiet build --target "$TARGET" "--$PROFILE" --mode no-install --no-opt --no-pack --no-typescript \
    --out-dir "$out" --out-name "$OUT_NAME" . >&2
wasm="$out/${OUT_NAME}_bg.wasm"
[ -f "$wasm" ] || { echo "build-wasm.sh: $wasm was not produced" >&2; exit 1; }

# --- 2. wasm-opt, where one is installed ----------------------------------------------------------
raw_before=$(stat -c %s "$wasm")
if [ "$OPT_ENABLED" = 1 ]; then
    opt=""
    for cmd in "${OPT_COMMANDS[@]}"; do
        command -v "$cmd" >/dev/null 2>&1 || continue
        version=$("$cmd" --version 2>/dev/null | grep -o '[0-9][0-9]*' | head -n 1 || true)
        if [ "${version:-0}" -ge "$OPT_MIN_VERSION" ]; then
            opt=$cmd
            break
        fi
        echo "build-wasm.sh: note: $cmd is binaryen ${version:-?}, older than $OPT_MIN_VERSION (wasm-pack.toml): not used" >&2
    done
    if [ -z "$opt" ]; then
        echo "build-wasm.sh: note: no usable wasm-opt (run scripts/setup.sh); the wasm is not optimised further" >&2
    elif nice -n 10 "$opt" "${OPT_FLAGS[@]}" "$wasm" -o "$wasm.opt" 2>"$out/wasm-opt.log"; then
        mv "$wasm.opt" "$wasm"
        echo "==> $opt ${OPT_FLAGS[*]}: $raw_before -> $(stat -c %s "$wasm") bytes" >&2
    else
        echo "build-wasm.sh: warning: wasm-opt failed, keeping the unoptimised wasm:" >&2
        cat "$out/wasm-opt.log" >&2
    fi
fi

# --- 3. the site folder: www/ + the package ------------------------------------------------------
rm -rf "$SITE_DIR"
mkdir -p "$SITE_DIR/$PKG_DIR"
cp -R "$WWW_DIR"/. "$SITE_DIR"/
cp "$out/$OUT_NAME.js" "$wasm" "$SITE_DIR/$PKG_DIR/"

# --- 4. sizes and the budget -------------------------------------------------------------------
raw=$(stat -c %s "$SITE_DIR/$PKG_DIR/${OUT_NAME}_bg.wasm")
gz=$(gzip -9 -c "$SITE_DIR/$PKG_DIR/${OUT_NAME}_bg.wasm" | wc -c)
kib() { awk -v b="$1" 'BEGIN { printf "%.1f KiB", b / 1024 }'; }
echo "wasm size: $raw bytes raw ($(kib "$raw")), $gz bytes gzipped ($(kib "$gz")); budget $(kib "$BUDGET_GZIP") gzipped"
echo "site: $root/$SITE_DIR ($(find "$SITE_DIR" -type f | wc -l) files, $(du -sh "$SITE_DIR" | cut -f1))"
if [ "$BUDGET_GZIP" -gt 0 ] && [ "$gz" -gt "$BUDGET_GZIP" ]; then
    echo "build-wasm.sh: the wasm is over its gzipped budget ($gz > $BUDGET_GZIP bytes, wasm-pack.toml [budget])" >&2
    exit 1
fi
if [ "$BUDGET_RAW" -gt 0 ] && [ "$raw" -gt "$BUDGET_RAW" ]; then
    echo "build-wasm.sh: the wasm is over its raw budget ($raw > $BUDGET_RAW bytes, wasm-pack.toml [budget])" >&2
    exit 1
fi
