#!/usr/bin/env bash
# The command-line tables, measured: `cargo build` of the crate `cpaas generate` makes from a
# spec (Telnyx by default), without and with its `cli` feature, side by side in one run and
# one target dir.
#
# The dependencies are built first (the runtime with and without its `cli` feature, untimed),
# then the generated crate alone is timed from scratch (CARGO_INCREMENTAL=0) twice: `cargo
# build`, then, after `cargo clean -p` of the crate, `cargo build --features cli` (the library
# with its tables and the binary). GNU time gives wall seconds and peak memory.
#
# usage: bench/cli.sh [SPEC] ; env: CPAAS (the cpaas binary; default: built in release),
# WORK (scratch folder), JOBS (default 2).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
SPEC="${1:-$repo/../shared/corpus/specs/telnyx_spec3.yml}"
WORK="${WORK:-$(mktemp -d)}"
JOBS="${JOBS:-2}"
if [ -z "${CPAAS:-}" ]; then
  (cd "$repo" && cargo build -q --release --bin cpaas)
  CPAAS="${CARGO_TARGET_DIR:-$repo/target}/release/cpaas"
fi
mkdir -p "$WORK/logs"
export CARGO_INCREMENTAL=0
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)" | tee "$WORK/results.txt"

# timed NAME DIR CMD...: runs CMD in DIR under GNU time; appends "NAME seconds peak_MB".
timed() {
  local name="$1" dir="$2"; shift 2
  (cd "$dir" && /usr/bin/time -v -o "$WORK/logs/$name.time" "$@" > "$WORK/logs/$name.log" 2>&1)
  secs=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,t,":"); s=0; for(i=1;i<=n;i++) s=s*60+t[i]; print s}' "$WORK/logs/$name.time")
  kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$WORK/logs/$name.time")
  echo "$name $secs $((kb / 1024)) load=$(cut -d' ' -f1 /proc/loadavg)" | tee -a "$WORK/results.txt"
}

"$CPAAS" generate --out "$WORK/crate" --crate-name telnyx-whole "$SPEC" 2> "$WORK/logs/gen.log"
cp "$repo/Cargo.lock" "$WORK/crate/Cargo.lock"
echo "crate: $(grep -c '' "$WORK/crate/src/lib.rs") lines, $(tail -1 "$WORK/logs/gen.log")" | tee -a "$WORK/results.txt"
export CARGO_TARGET_DIR="$WORK/target"
timed deps "$WORK/crate" cargo build --offline -j "$JOBS" -p cpaas-runtime
timed deps-cli "$WORK/crate" cargo build --offline -j "$JOBS" -p cpaas-runtime --features cpaas-runtime/cli
timed build "$WORK/crate" cargo build --offline -j "$JOBS"
(cd "$WORK/crate" && cargo clean -q -p telnyx-whole)
timed build-cli "$WORK/crate" cargo build --offline -j "$JOBS" --features cli
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$WORK/results.txt"
