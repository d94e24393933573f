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
echo "== cargo test"
cargo test --all-targets
echo "== browser tests"
scripts/test-browser.sh
echo "== all tests passed"
