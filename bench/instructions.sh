#!/usr/bin/env bash
# Instruction counts (valgrind callgrind: repeatable whatever else the machine is doing) of two
# builds of the generator driver on the same inputs, in one run, and whether they wrote the same
# crate. For before/after comparisons of a refactor:
#
#   git worktree add /tmp/before <rev>
#   (cd /tmp/before && CARGO_PROFILE_RELEASE_OPT_LEVEL=2 cargo build --release -p cpaas-codegen --example gen_crate)
#   CARGO_PROFILE_RELEASE_OPT_LEVEL=2 cargo build --release -p cpaas-codegen --example gen_crate
#   bench/instructions.sh /tmp/before/target/release/examples/gen_crate target/release/examples/gen_crate
#
# Inputs: the five seed pages and three corpus specs of ../shared (SHARED to override).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
shared="${SHARED:-$repo/../shared}"
before="$1"; after="$2"
work="$(mktemp -d)"
c="$shared/corpus/specs"
names=(seeds twilio_conversations_v1 nexus signalwire_rest_openapi)
inputs=("$shared/seeds/*" "$c/twilio_conversations_v1.json" "$c/progenitor/nexus.json" "$c/signalwire_rest_openapi.yaml")
echo "| input | before (instructions) | after | after/before | same output |"
echo "|---|---:|---:|---:|---|"
for i in "${!names[@]}"; do
  n="${names[$i]}"
  declare -A ir=()
  for v in before after; do
    bin="$before"; [ "$v" = after ] && bin="$after"
    # shellcheck disable=SC2086
    valgrind --tool=callgrind --callgrind-out-file="$work/cg.$v" "$bin" "$work/$v-$n" x \
      "$repo/runtime" ${inputs[$i]} > "$work/$v.log" 2>&1
    ir[$v]=$(grep -o 'Collected : [0-9]*' "$work/$v.log" | awk '{print $3}')
  done
  same=no; diff -rq "$work/before-$n" "$work/after-$n" > /dev/null && same=yes
  ratio=$(awk -v a="${ir[after]}" -v b="${ir[before]}" 'BEGIN { printf "%.4f", a / b }')
  echo "| $n | ${ir[before]} | ${ir[after]} | $ratio | $same |"
done
rm -rf "$work"
