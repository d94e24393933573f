#!/usr/bin/env bash
# Runs every test of nianbao on a fresh machine: installs what it needs
# (scripts/setup.sh), then formatting, lints, the Rust tests (unit,
# integration on the real reports, robustness), and the browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh

echo "== cargo fmt --check"
cargo fmt --check
echo "== cargo clippy"
cargo clippy --all-targets -- -D warnings
echo "== cargo clippy (wasm32: the checker, the file reader and the PDF checker modules)"
cargo clippy --target wasm32-unknown-unknown --lib -- -D warnings
for cfg in nianbao_files nianbao_pdf; do
    RUSTFLAGS="--cfg $cfg --check-cfg=cfg(nianbao_files) --check-cfg=cfg(nianbao_pdf)" CARGO_TARGET_DIR=target/clippy-wasm \
        cargo clippy --target wasm32-unknown-unknown --lib -- -D warnings
done
echo "== cargo test"
cargo test --all-targets
echo "== browser tests"
scripts/test-browser.sh
echo "== all tests passed"
