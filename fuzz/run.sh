#!/bin/sh
# Runs one fuzz target at the lowest priority, one job, release build with
# debug assertions and overflow checks, no sanitizer (the crate has no unsafe
# code; ASan only slowed a 50 MB inflate past the timeout):
#   fuzz/run.sh check_text 1200     (seconds)
# Crashes land in fuzz/artifacts/<target>/; copy each into
# tests/fixtures/regressions/ so that `cargo test --test robustness` replays it.
set -eu
cd "$(dirname "$0")"
target=${1:-check_text}
secs=${2:-600}
[ -d corpus/$target ] || ./seed.sh
exec nice -n 19 cargo +nightly fuzz run -O -a -s none "$target" "corpus/$target" -- \
  -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -dict=nianbao.dict -print_final_stats=1
