#!/usr/bin/env bash
# Builds the web checker (scripts/setup.sh installs what is missing, scripts/build-wasm.sh
# builds the site folder) and serves it on http://127.0.0.1:8080 (PORT=… to change).
# The site folder is static: copying it to any web server, at any path, deploys it.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build-wasm.sh
site=$(python3 -c 'import tomllib; print(tomllib.load(open("wasm-pack.toml", "rb"))["build"]["site_dir"])')
port=${PORT:-8080}
echo "serving $site/ on http://127.0.0.1:$port/  (Ctrl-C to stop)"
exec python3 -m http.server "$port" --bind 127.0.0.1 --directory "$site"
