#!/usr/bin/env bash
# The browser tests: builds the site (scripts/build-wasm.sh), serves it from a sub-path
# (http://127.0.0.1:<free port>/nianbao/, with a portal page that embeds it at /portal/; the
# single-file edition alone in a folder, for file://), runs
# tests/browser/*.test.mjs with node's test runner against headless Debian chromium
# (playwright-core), stops the server, and exits non-zero when a test fails.
# Set NIANBAO_SKIP_BUILD=1 to test the dist/ folder as it is.
set -euo pipefail
cd "$(dirname "$0")/.."

[ -f node_modules/playwright-core/package.json ] && [ -f node_modules/axe-core/package.json ] || scripts/setup.sh
[ "${NIANBAO_SKIP_BUILD:-}" = 1 ] || scripts/build-wasm.sh
site=$(python3 -c 'import tomllib; print(tomllib.load(open("wasm-pack.toml", "rb"))["build"]["site_dir"])')

# The served root: the site copied under /nianbao/ (any sub-path must work) and a portal page.
root=$(mktemp -d "${TMPDIR:-/tmp}/nianbao-web.XXXXXX")
server=""
cleanup() {
    if [ -n "$server" ]; then
        kill "$server" 2>/dev/null || true
        wait "$server" 2>/dev/null || true
    fi
    rm -rf "$root"
}
trap cleanup EXIT
cp -R "$site" "$root/nianbao"
cp -R tests/browser/portal "$root/portal"
# The single-file edition alone in a folder of its own (as on a USB stick), opened from file://.
mkdir "$root/usb"
cp "$site/nianbao.html" "$root/usb/"

port=""
for _ in 1 2 3 4 5; do
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
    python3 -m http.server "$port" --bind 127.0.0.1 --directory "$root" >"$root/server.log" 2>&1 &
    server=$!
    for _ in $(seq 50); do
        if python3 -c "import urllib.request, sys; urllib.request.urlopen('http://127.0.0.1:$port/nianbao/', timeout=1)" 2>/dev/null; then
            break 2
        fi
        kill -0 "$server" 2>/dev/null || break
        sleep 0.1
    done
    kill "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
    server=""
done
[ -n "$server" ] || { echo "test-browser.sh: could not start the web server" >&2; exit 1; }
echo "serving $root on http://127.0.0.1:$port/ (site at /nianbao/)" >&2

mkdir -p tests/browser/screenshots
NIANBAO_URL="http://127.0.0.1:$port/nianbao/" NIANBAO_SINGLE_FILE="$root/usb/nianbao.html" node --test --test-concurrency=1 ${NIANBAO_BROWSER_TESTS:-tests/browser/*.test.mjs}
