#!/usr/bin/env bash
# Runs every test of nianbao on a fresh machine: installs what it needs
# (scripts/setup.sh), then formatting, lints (native, and wasm32 once for each module of
# wasm-pack.toml), the Rust tests (unit, integration on the real reports, robustness), the
# site (scripts/build-wasm.sh, built once) and the browser tests on it.
# At the end, also when a stage fails, prints how long each stage took.
set -euo pipefail
cd "$(dirname "$0")/.."

# --- the table of stages -------------------------------------------------------------------------
# One line a stage, "name<TAB>wall seconds<TAB>CPU seconds<TAB>result", in $times; a stage's
# command may add lines of its own parts to $NIANBAO_TIMES (scripts/build-wasm.sh: one a module;
# scripts/setup.sh: its slow steps), shown under the stage. CPU time (user + system, of every
# process the stage ran) does not grow when other work shares the machine; wall time does.
times=$(mktemp "${TMPDIR:-/tmp}/nianbao-times.XXXXXX")
export NIANBAO_TIMES="$times.parts"
run_started=$(date +%s.%N)
stage_name="" stage_started="" stage_cpu=""
since() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'; }
# cpu_now: sets $cpu to the CPU seconds of this shell's finished children so far (bash's `times`,
# which must run in this shell, not in a $(…) subshell)
cpu_now() {
    times >"$times.cpu"
    cpu=$(awk 'NR == 2 { for (i = 1; i <= 2; i++) { split($i, p, "m"); sub("s", "", p[2]); t += p[1] * 60 + p[2] } printf "%.1f", t }' "$times.cpu")
}
# adds the stage that ends now, and its parts, to the table
stage_done() {
    cpu_now
    printf '%s\t%s\t%s\t%s\n' "$stage_name" "$(since "$stage_started")" "$(awk -v a="$stage_cpu" -v b="$cpu" 'BEGIN { printf "%.1f", b - a }')" "$1" >>"$times"
    [ ! -f "$NIANBAO_TIMES" ] || sed 's/^/  /' "$NIANBAO_TIMES" >>"$times"
    rm -f "$NIANBAO_TIMES"
    stage_name=""
}
table() {
    local status=$?
    # a stage still running here was stopped (Ctrl-C, or the shell itself failed)
    [ -z "$stage_name" ] || stage_done stopped
    cpu_now
    echo
    echo "== time per stage (wall, CPU)"
    awk -F '\t' -v total="$(since "$run_started")" -v cpu="$cpu" '
        function t(s) { return s == "" ? "" : sprintf("%d:%04.1f", int(s / 60), s - 60 * int(s / 60)) }
        { printf "  %-46s %8s %8s  %s\n", $1, t($2), t($3), $4 }
        END { printf "  %-46s %8s %8s\n", "total", t(total), t(cpu) }' "$times"
    rm -f "$times" "$times.cpu"
    exit "$status"
}
trap table EXIT
# stage NAME COMMAND...: runs COMMAND as one stage of the table; stops the run when it fails.
stage() {
    stage_name=$1 stage_started=$(date +%s.%N)
    cpu_now
    stage_cpu=$cpu
    shift
    rm -f "$NIANBAO_TIMES"
    echo "== $stage_name"
    local status=0
    "$@" || status=$?
    if [ "$status" = 0 ]; then stage_done ok; else stage_done "FAILED (exit $status)"; exit "$status"; fi
}

stage "setup" scripts/setup.sh
stage "cargo fmt --check" cargo fmt --check
stage "clippy: native, all targets" cargo clippy --all-targets -- -D warnings
# wasm32: once for each module of wasm-pack.toml, with its --cfg flags. They are clippy-driver
# arguments, given to this crate alone: the dependencies are checked once for all modules.
while IFS='|' read -r name flags; do
    # shellcheck disable=SC2086 # $flags: words (--cfg name ...)
    stage "clippy: wasm32, module $name" cargo clippy --target wasm32-unknown-unknown --lib -- -D warnings $flags
done < <(python3 -c '
import tomllib
for m in tomllib.load(open("wasm-pack.toml", "rb"))["module"]:
    print(m["out_name"] + "|" + " ".join("--cfg " + c for c in m.get("cfg", [])))')
stage "cargo test: build" cargo test --all-targets --no-run
stage "cargo test: run" cargo test --all-targets
# The command line the browser tests compare the page with (they run `cargo build --bin nianbao`):
# nothing to do after the test build, as long as both resolve the same features (Cargo.toml).
stage "cargo build --bin nianbao (browser tests)" cargo build --bin nianbao
# the site, built once: the browser tests test it as it is
stage "wasm build (the site)" scripts/build-wasm.sh
stage "browser tests" env NIANBAO_SKIP_BUILD=1 scripts/test-browser.sh
echo "== all tests passed"
