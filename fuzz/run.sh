#!/usr/bin/env bash
# Runs every fuzz target in turn, one job each (leaves a core free), for SECONDS_PER_TARGET
# seconds (default 600), in libFuzzer's fork mode so one crash does not end a target's run:
# crashes, timeouts and OOMs are saved under fuzz/artifacts/<target>/ and fuzzing goes on.
# cargo-fuzz wants nightly; on a stable toolchain RUSTC_BOOTSTRAP=1 unlocks the flags it needs.
#   fuzz/run.sh                  # all targets
#   fuzz/run.sh yaml lower       # some
set -uo pipefail
cd "$(dirname "$0")"
secs="${SECONDS_PER_TARGET:-600}"
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(recover frontends yaml mintlify_md lower pipeline)
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz
./seed.sh
export RUSTC_BOOTSTRAP=1 CARGO_BUILD_JOBS="${CARGO_BUILD_JOBS:-1}"
mkdir -p logs
for t in "${targets[@]}"; do
  mkdir -p "corpus/$t" "artifacts/$t"
  echo "== $t: ${secs}s" | tee -a logs/summary.txt
  cargo fuzz run "$t" "corpus/$t" -- -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
    -max_total_time="$secs" -timeout=20 -rss_limit_mb=4096 -max_len=65536 \
    -artifact_prefix="artifacts/$t/" > "logs/$t.log" 2>&1
  # Fork mode prints cumulative totals: the last status line holds the executions.
  grep -E "^#[0-9]+" "logs/$t.log" | tail -1 | tee -a logs/summary.txt
  echo "crashes/timeouts/ooms saved: $(ls "artifacts/$t" | wc -l)" | tee -a logs/summary.txt
done
