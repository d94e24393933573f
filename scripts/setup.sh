#!/usr/bin/env bash
# Installs what building and testing nianbao needs, on a fresh Debian machine as root;
# idempotent (a second run changes nothing and takes seconds):
#   - Debian packages: chromium (browser tests), python3 (serves the page, reads wasm-pack.toml),
#     nodejs + npm (runs the browser tests), a Chinese font (screenshots)
#   - the Rust target wasm32-unknown-unknown
#   - wasm-bindgen-cli at exactly the version Cargo.lock pins for wasm-bindgen (built from source:
#     minutes, so in the background while apt-get and npm download and unpack)
#   - node_modules from package-lock.json: playwright-core (drives Debian's chromium;
#     `npx playwright install` downloads browsers and is not used), binaryen (a current
#     wasm-opt: Debian 12's binaryen 108 breaks wasm-bindgen's output, see wasm-pack.toml) and
#     pdfjs-dist (the page's PDF reader, copied into dist/pdfjs/ by build-wasm.sh)
# (wasm-pack is not needed: scripts/build-wasm.sh runs cargo and wasm-bindgen itself. Debian's
# binaryen is not needed either: its wasm-opt is older than wasm-pack.toml's min_version on Debian
# 12, and the npm one is found first.)
# Prints how long each part took, and adds it to $NIANBAO_TIMES when that is set (scripts/test.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

say() { echo "setup: $*" >&2; }
has() { command -v "$1" >/dev/null 2>&1; }
now() { date +%s.%N; }
# part NAME STARTED: says how long NAME took since STARTED (and adds it to $NIANBAO_TIMES)
part() {
    local took
    took=$(awk -v a="$2" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }')
    say "$1: $took s"
    [ -z "${NIANBAO_TIMES:-}" ] || printf 'setup: %s\t%s\t\tok\n' "$1" "$took" >>"$NIANBAO_TIMES"
}

# --- Rust: the wasm target; wasm-bindgen-cli (pinned) started in the background -----------------
if ! has cargo; then
    say "cargo not found: install Rust (rustup) first"
    exit 1
fi
if has rustup; then
    rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown || {
        say "rustup target add wasm32-unknown-unknown"
        rustup target add wasm32-unknown-unknown
    }
fi
want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' Cargo.lock)
have=$(wasm-bindgen --version 2>/dev/null | awk '{ print $2 }' || true)
bindgen="" bindgen_log="" bindgen_started=""
if [ -n "$want" ] && [ "$have" != "$want" ]; then
    say "cargo install wasm-bindgen-cli --version $want (installed: ${have:-none}), in the background"
    bindgen_log=$(mktemp "${TMPDIR:-/tmp}/nianbao-setup-bindgen.XXXXXX")
    bindgen_started=$(now)
    set -m # its own process group, so that it can be stopped as a whole
    {
        nice -n 10 cargo install -q wasm-bindgen-cli --version "$want" --locked --force ||
            nice -n 10 cargo install -q wasm-bindgen-cli --version "$want" --force
    } >"$bindgen_log" 2>&1 &
    bindgen=$!
    set +m
    # not left running when setup stops early
    trap '[ -z "$bindgen" ] || kill -- "-$bindgen" 2>/dev/null || true' EXIT
fi

# --- Debian packages ---------------------------------------------------------------------------
missing=()
has chromium || missing+=(chromium)
has python3 || missing+=(python3)
has node || missing+=(nodejs)
has npm || missing+=(npm)
has gzip || missing+=(gzip)
has iconv || missing+=(libc-bin)
# A Chinese font, so that the browser tests' screenshots show the page as a reviewer sees it.
{ has fc-list && [ -n "$(fc-list :lang=zh 2>/dev/null | head -n 1)" ]; } || missing+=(fonts-wqy-microhei fontconfig)
if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" -ne 0 ] || ! has apt-get; then
        say "missing ${missing[*]}: install them (Debian: apt-get install ${missing[*]}) and rerun"
        exit 1
    fi
    say "apt-get install ${missing[*]}"
    started=$(now)
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    part "apt-get install" "$started"
fi

# --- node_modules ------------------------------------------------------------------------------
node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$node_major" -lt 20 ]; then
    say "node $(node --version) is too old: playwright-core needs node 20 or later"
    exit 1
fi
# every package of package-lock.json installed at its version (playwright-core, binaryen), else npm ci
# (optional packages, such as pdfjs-dist's @napi-rs/canvas builds for other platforms, may be absent)
if ! node -e 'const fs = require("fs");
              for (const [p, v] of Object.entries(require("./package-lock.json").packages)) {
                  if (!p || (v.optional && !fs.existsSync(`./${p}`))) continue;
                  if (require(`./${p}/package.json`).version !== v.version) process.exit(1);
              }' 2>/dev/null; then
    say "npm ci"
    started=$(now)
    npm ci --no-audit --no-fund --loglevel=error || npm install --no-audit --no-fund --loglevel=error
    part "npm ci" "$started"
fi

# --- wasm-bindgen-cli: wait for it ---------------------------------------------------------------
if [ -n "$bindgen" ]; then
    status=0
    wait "$bindgen" || status=$?
    bindgen=""
    cat "$bindgen_log" >&2
    rm -f "$bindgen_log"
    [ "$status" = 0 ] || { say "cargo install wasm-bindgen-cli failed"; exit "$status"; }
    part "cargo install wasm-bindgen-cli (beside the rest)" "$bindgen_started"
fi
say "ok (wasm-bindgen $(wasm-bindgen --version | awk '{ print $2 }'), $(chromium --version 2>/dev/null | head -n 1))"
