#!/usr/bin/env bash
# Operation selection, measured: `cargo build` of the crate `cpaas generate` makes from a whole
# spec, beside the crate generated with `--operations` (six Telnyx telephony-credential
# operations by default), side by side in one run, each in its own cold target dir.
#
# Each target dir is built in two timed steps: first `cargo build -p cpaas-runtime` (the
# dependencies and the runtime, the same for both crates), then `cargo build` (the generated
# crate alone, CARGO_INCREMENTAL=0, from scratch). The sum is the cold build.
#
# usage: bench/select.sh [SPEC] ; env: CPAAS (the cpaas binary; default: built in release),
# WORK (scratch folder), JOBS (default 2), OPS (comma-separated selectors), CHECK=1 to time
# `cargo check` as well.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
SPEC="${1:-$repo/../shared/corpus/specs/telnyx_spec3.yml}"
WORK="${WORK:-$(mktemp -d)}"
JOBS="${JOBS:-2}"
OPS="${OPS:-FindTelephonyCredentials,CreateTelephonyCredential,GetTelephonyCredential,UpdateTelephonyCredential,DeleteTelephonyCredential,CreateTelephonyCredentialToken}"
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
  (cd "$dir" && /usr/bin/time -f "%e %M" -o "$WORK/logs/$name.time" "$@" > "$WORK/logs/$name.log" 2>&1)
  read -r secs kb < "$WORK/logs/$name.time"
  echo "$name $secs $((kb / 1024)) load=$(cut -d' ' -f1 /proc/loadavg)" | tee -a "$WORK/results.txt"
}

"$CPAAS" generate --out "$WORK/whole" --crate-name telnyx-whole "$SPEC" 2> "$WORK/logs/gen-whole.log"
"$CPAAS" generate --out "$WORK/selected" --crate-name telnyx-selected --operations "$OPS" "$SPEC" \
  2> "$WORK/logs/gen-selected.log"
for c in whole selected; do
  cp "$repo/Cargo.lock" "$WORK/$c/Cargo.lock"
  echo "$c: $(grep -c '' "$WORK/$c/src/lib.rs") lines, $(tail -1 "$WORK/logs/gen-$c.log")" | tee -a "$WORK/results.txt"
done
for c in selected whole; do
  timed "$c.deps" "$WORK/$c" env CARGO_TARGET_DIR="$WORK/target-$c" cargo build --offline -j "$JOBS" -p cpaas-runtime
  timed "$c.build" "$WORK/$c" env CARGO_TARGET_DIR="$WORK/target-$c" cargo build --offline -j "$JOBS"
  if [ "${CHECK:-0}" = 1 ]; then
    timed "$c.check" "$WORK/$c" env CARGO_TARGET_DIR="$WORK/target-$c" cargo check --offline -j "$JOBS"
  fi
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$WORK/results.txt"
