#!/usr/bin/env bash
# The command-line tables, measured: `cargo build` of the crate `cpaas generate` makes from a
# spec (Telnyx by default), without and with its `cli` feature, side by side in one run and
# one target dir.
#
# The dependencies are built first (untimed), then the generated crate is timed from scratch
# (CARGO_INCREMENTAL=0) twice: `cargo build`, then, after `cargo clean -p` of the crate,
# `cargo build --features cli` (the library with its tables, the binary, and the runtime's own
# `cli` feature, which cargo cannot build alone for a package outside the workspace). GNU time
# gives wall seconds and peak memory of each whole command; `--timings` gives the seconds of
# the generated crate's own units (library, binary), printed as `units`.
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
# WORK/crate is rewritten with the same bytes, so a warm WORK/target (SKIP_DEPS=1) stays warm.
cp "$repo/Cargo.lock" "$WORK/crate/Cargo.lock"
echo "crate: $(grep -c '' "$WORK/crate/src/lib.rs") lines, $(tail -1 "$WORK/logs/gen.log")" | tee -a "$WORK/results.txt"
export CARGO_TARGET_DIR="$WORK/target"
[ "${SKIP_DEPS:-0}" = 1 ] || timed deps "$WORK/crate" cargo build --offline -j "$JOBS" -p cpaas-runtime
# units NAME: the generated crate's units in the last --timings report, as "target seconds".
units() {
  local report
  report=$(ls -t "$WORK/crate/target/cargo-timings/"cargo-timing-2*.html 2>/dev/null | head -1 || true)
  [ -n "$report" ] || report=$(ls -t "$CARGO_TARGET_DIR/cargo-timings/"cargo-timing-2*.html | head -1)
  python3 - "$report" "$1" <<'PY' | tee -a "$WORK/results.txt"
import json, re, sys
text = open(sys.argv[1]).read()
data = json.loads(re.search(r"const UNIT_DATA = (\[.*?\]);", text, re.S).group(1))
own = [(u["target"].strip() or "lib", u["duration"]) for u in data if u["name"] == "telnyx-whole"]
print(sys.argv[2], "units", " ".join(f"{t}={d:.1f}" for t, d in own), f"total={sum(d for _, d in own):.1f}")
PY
}
timed build "$WORK/crate" cargo build --offline -j "$JOBS" --timings
units build
(cd "$WORK/crate" && cargo clean -q -p telnyx-whole)
timed build-cli "$WORK/crate" cargo build --offline -j "$JOBS" --features cli --timings
units build-cli
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$WORK/results.txt"
