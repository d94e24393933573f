#!/usr/bin/env bash
# The benchmark of issue 6 (docs/performance.md).
#
#   scripts/bench.sh                 times: native (release profile, as shipped), wasm under
#                                    Node when dist/pkg holds a build, sizes; ratios from one run
#   scripts/bench.sh --native-o3     the same with the opt-level 3 profile (bench-native)
#   scripts/bench.sh --instructions  instructions per check counted by callgrind: the same on a
#                                    busy or an idle machine, so before/after comparisons hold
#                                    (BENCH_BIN=other/nianbao-bench: count another build)
#   other arguments go to nianbao-bench (--quick, --only TEXT, --no-adversarial, REPORTS_DIR)
set -euo pipefail
cd "$(dirname "$0")/.."
profile=(--release)
bin=target/release/nianbao-bench
mode=times
args=()
for a in "$@"; do
    case "$a" in
        --native-o3) profile=(--profile bench-native); bin=target/bench-native/nianbao-bench ;;
        --instructions) mode=instructions ;;
        *) args+=("$a") ;;
    esac
done

if [ "$mode" = times ]; then
    exec nice -n 10 cargo run -q "${profile[@]}" --bin nianbao-bench -- "${args[@]}"
fi

command -v valgrind >/dev/null || { echo "bench.sh: valgrind not found (apt-get install valgrind)" >&2; exit 1; }
profile=(--profile bench-native); bin=target/bench-native/nianbao-bench
nice -n 10 cargo build -q "${profile[@]}" --bin nianbao-bench
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$bin" --write "$tmp" >/dev/null
# BENCH_BIN=path/to/another/nianbao-bench counts that build instead (before/after).
bin=${BENCH_BIN:-$bin}
reports=${REPORTS:-../shared/reports}
printf '%-45s %12s %14s %10s\n' input bytes instructions "per byte"
for f in "$reports"/*/*.txt "$tmp"/synthetic_1_MB_*.txt; do
    [ -f "$f" ] || continue
    n=1
    bytes=$(stat -c %s "$f")
    [ "$bytes" -lt 100000 ] && n=20
    out="$tmp/cg.out"
    nice -n 10 valgrind --tool=callgrind --callgrind-out-file="$out" "$bin" --profile "$f" "$n" >/dev/null 2>&1
    ir=$(awk '/^summary:/ { print $2 }' "$out")
    # Subtract the program's start and the file read: a run with N = 0.
    nice -n 10 valgrind --tool=callgrind --callgrind-out-file="$out.0" "$bin" --profile "$f" 0 >/dev/null 2>&1
    ir0=$(awk '/^summary:/ { print $2 }' "$out.0")
    per=$(( (ir - ir0) / n ))
    printf '%-45s %12d %14d %10.0f\n' "$(basename "$f")" "$bytes" "$per" "$(echo "$per / $bytes" | bc -l)"
done
