#!/usr/bin/env bash
# Side-by-side measurement of cpaas-codegen, progenitor and openapi-generator (rust) on the same
# OpenAPI documents: generation wall time and peak memory, generated lines, whether the output
# compiles, and the debug build time and peak memory of each generated crate alone (its
# dependencies pre-built in a shared CARGO_TARGET_DIR per tool). Writes BENCHMARKS.md.
#
#   bench/compare.sh                 # the four corpus specs, 2 cores
#   SPECS="a.json b.yaml" bench/compare.sh
#   JOBS=2 WORK=/tmp/cmp OUT=BENCHMARKS.md bench/compare.sh
#
# Installs what it needs: cargo-progenitor (cargo install), openapi-generator-cli (pip; the
# package bundles the jar; needs Java 11+), GNU time (apt-get). Takes a long time (tens of
# minutes): run it with nohup and a log.
set -uo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
shared="${SHARED:-$repo/../shared}"
corpus="$shared/corpus/specs"
WORK="${WORK:-${TMPDIR:-/tmp}/cpaas-compare}"
OUT="${OUT:-$repo/BENCHMARKS.md}"
JOBS="${JOBS:-2}"
SPECS="${SPECS:-$corpus/telnyx_spec3.yml $corpus/signalwire_rest_openapi.yaml $corpus/twilio_conversations_v1.json $corpus/progenitor/nexus.json}"
RUNTIME="${RUNTIME:-$repo/runtime}"
BUILD_TIMEOUT="${BUILD_TIMEOUT:-3600}"  # seconds per cargo build of a generated crate
mkdir -p "$WORK"
results="$WORK/results.tsv"
scaling="$WORK/scaling.tsv"
log() { echo "[$(date +%H:%M:%S)] $*" >&2; }

# ---- tools --------------------------------------------------------------------------------
if [ ! -x /usr/bin/time ]; then
  log "installing GNU time"; (apt-get update -qq && apt-get install -y -qq time) >&2
fi
command -v java >/dev/null || { log "Java is required by openapi-generator"; exit 1; }
if ! command -v cargo-progenitor >/dev/null; then
  log "installing cargo-progenitor"; cargo install -j "$JOBS" cargo-progenitor >&2
fi
if ! command -v openapi-generator-cli >/dev/null; then
  log "installing openapi-generator-cli"; pip install -q openapi-generator-cli >&2
fi
# The cpaas driver, optimised like a build script under `[profile.dev.build-override]`.
driver_target="$WORK/target-driver"
log "building the cpaas-codegen driver (opt-level 2, as build.rs runs it)"
CARGO_PROFILE_RELEASE_OPT_LEVEL=2 CARGO_TARGET_DIR="$driver_target" \
  cargo build -q -j "$JOBS" --release -p cpaas-codegen --example gen_crate \
  --manifest-path "$repo/Cargo.toml" >&2 || { log "driver build failed"; exit 1; }
driver="$driver_target/release/examples/gen_crate"

# ---- helpers ------------------------------------------------------------------------------
# timed NAME CMD...: runs CMD under GNU time; prints "status<TAB>seconds<TAB>peak_MB".
timed() {
  local name="$1"; shift
  local tf="$WORK/logs/$name.time"
  mkdir -p "$WORK/logs"
  /usr/bin/time -v -o "$tf" "$@" > "$WORK/logs/$name.out" 2> "$WORK/logs/$name.err"
  local st=$?
  local wall rss
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$tf" |
    awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
  rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$tf")
  printf '%s\t%s\t%s\n' "$st" "${wall:-0}" "${rss:-0}"
}
rs_lines() { find "$1" -name '*.rs' -not -path '*/target/*' -exec cat {} + 2>/dev/null | wc -l; }
ops_of() { # operations under `paths` (webhooks not counted)
  python3 - "$1" <<'PY'
import sys, json
t = open(sys.argv[1]).read()
try:
    d = json.loads(t)
except ValueError:
    try:
        import yaml
    except ImportError:
        import subprocess
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", "pyyaml"], check=True)
        import yaml
    d = yaml.load(t, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
print(sum(1 for p in (d.get("paths") or {}).values() if isinstance(p, dict)
          for m in p if m in ("get","put","post","delete","patch","head","options","trace")))
PY
}
# The cpaas-runtime the generated crates depend on may still be a stub (being written): then its
# crates cannot compile, and their build is recorded as pending instead of being attempted.
runtime_ready() { grep -qs "pub struct Client" "$RUNTIME"/src/*.rs; }

# build TOOL SPEC CRATE_DIR: compiles the generated crate in debug; the first build fills the
# tool's shared target dir with the dependencies, the timed one rebuilds the crate alone.
# TOOL `cpaas+cli` builds the cpaas crate with its `cli` feature (the command-line tables).
# Non-incremental (CARGO_INCREMENTAL=0): the timed build compiles the crate from scratch, as a
# first build or a build after the spec changed does; an incremental rebuild of unchanged
# sources would only measure cache lookups.
build() {
  export CARGO_INCREMENTAL=0
  local tool="$1" spec="$2" dir="$3" feat=()
  local tdir="$WORK/target-${tool%+cli}"
  [ "$tool" = cpaas+cli ] && feat=(--features cli)
  ( cd "$dir" && CARGO_TARGET_DIR="$tdir" timeout --foreground "$BUILD_TIMEOUT" cargo build -j "$JOBS" "${feat[@]}" \
      > "$WORK/logs/$tool-$spec.warm.log" 2>&1 )
  touch "$dir"/src/lib.rs
  ( cd "$dir" && timed "$tool-$spec.build" env CARGO_TARGET_DIR="$tdir" timeout --foreground "$BUILD_TIMEOUT" cargo build -j "$JOBS" "${feat[@]}" )
}

# ---- report: BENCHMARKS.md from results.tsv (and scaling.tsv), rewritten after every step ----
report() {
python3 - "$results" "$scaling" "$OUT" "$JOBS" <<'PY'
import sys, os, subprocess, datetime, platform
res, scal, out, jobs = sys.argv[1:5]
def sh(c):
    try: r = subprocess.run(c, shell=True, capture_output=True, text=True)
    except Exception: return "?"
    return r.stdout.strip() or r.stderr.strip()
rows = [l.rstrip("\n").split("\t") for l in open(res) if l.strip()]
mem = sh("free -g | awk '/Mem:/ {print $2}'")
hdr = [
 "# Benchmarks: cpaas-codegen, progenitor, openapi-generator",
 "",
 f"Measured by `bench/compare.sh` on {datetime.date.today().isoformat()}: {sh('nproc')} cores, {mem} GiB memory, "
 f"{sh('rustc --version')}, {sh('cargo install --list | grep -m1 ^cargo-progenitor | tr -d :')} "
 f"(`cargo install cargo-progenitor`), openapi-generator-cli {sh('openapi-generator-cli version')} "
 f"(Java: {sh('java -version 2>&1 | head -1')}). Builds use `-j {jobs}`.",
 "",
 "Generation: wall time and peak RSS of the generator process (cpaas-codegen: a driver built with opt-level 2, "
 "as `[profile.dev.build-override]` builds build.rs). Build: `cargo build` (debug, `CARGO_INCREMENTAL=0`: the crate compiled from scratch) of the generated crate alone, "
 "its dependencies already built in a target dir shared by that tool's crates; peak RSS is the largest process (rustc). "
 "`cpaas+cli`: the same cpaas crate built with its `cli` feature (the command-line tables).",
 "",
 "| spec | operations | generator | generation s | generation peak MB | generated lines | compiles | crate build s | crate build peak MB |",
 "|---|---:|---|---:|---:|---:|---|---:|---:|",
]
def f(x):
    try: return f"{float(x):.2f}"
    except ValueError: return x
for spec, ops, tool, gst, gw, gr, lines, bst, bw, br in rows:
    ok = gst == "0"
    comp = "—" if not ok else {"0": "yes", "pending": "pending (runtime stub)", "queued": "(build queued)",
                                "124": "no result (build timeout)",
                                "skipped": "not measured (run cut short)",
                                "oom": f"no: rustc killed, out of memory ({br} MB peak after {bw} s)"}.get(bst, "no")
    hdr.append(f"| {spec} | {ops} | {tool} | {f(gw) if ok else 'failed'} | {gr if ok else '—'} | {lines if ok else '—'} | {comp} | "
               f"{f(bw) if bst == '0' else '—'} | {br if bst == '0' else '—'} |")
hdr += ["", "## Ratios (other tool / cpaas-codegen; above 1 means cpaas-codegen is faster or smaller)", "",
        "| spec | vs | generation time | crate build time | crate build peak memory |", "|---|---|---:|---:|---:|"]
by = {(r[0], r[2]): r for r in rows}
for spec in dict.fromkeys(r[0] for r in rows):
    for ours, other in (("cpaas", "progenitor"), ("cpaas", "openapi-generator"), ("cpaas+cli", "progenitor")):
        c = by.get((spec, ours))
        o = by.get((spec, other))
        if not c or not o: continue
        def ratio(i, need):
            try:
                if c[need] != "0" or o[need] != "0": return "—"
                return f"{float(o[i]) / max(float(c[i]), 1e-9):.1f}x"
            except ValueError: return "—"
        hdr.append(f"| {spec} | {ours} vs {other} | {ratio(4, 3)} | {ratio(8, 7)} | {ratio(9, 7)} |")
srows = [l.split() for l in open(scal) if l.strip()] if os.path.exists(scal) else []
if srows:
    b = float(srows[0][2]) or 1e-9
    hdr += ["", "## Scaling (cpaas-codegen generation, operations repeated k times)", "",
            "| k | operations | generation s | vs 1x | per operation vs 1x | peak MB |", "|---:|---:|---:|---:|---:|---:|"]
    for k, ops, w, r in srows:
        rr = float(w) / b
        hdr.append(f"| {k} | {ops} | {float(w):.2f} | {rr:.2f}x | {rr / int(k):.2f} | {r} |")
open(out + ".table", "w").write("\n".join(hdr) + "\n")
print("\n".join(hdr))
PY
# The measured tables go first; hand-written notes (after a "## Notes" heading) are kept.
notes=""
[ -f "$OUT" ] && notes="$(sed -n '/^## Notes/,$p' "$OUT")"
{ cat "$OUT.table"; [ -n "$notes" ] && printf '\n%s\n' "$notes"; } > "$OUT.new" && mv "$OUT.new" "$OUT"
rm -f "$OUT.table"
}

# REPORT_ONLY=1: rewrite BENCHMARKS.md from the last run's results.
if [ "${REPORT_ONLY:-0}" = 1 ]; then report; exit; fi
# Rows live in one file each (rows/NN.spec.tool) so builds can update them as they finish.
rows="$WORK/rows"; rm -rf "$rows"; mkdir -p "$rows"
row() { # idx spec tool ops fields...: writes one result row
  local f="$rows/$1.$2.$3" spec="$2" tool="$3" ops="$4"; shift 4
  (IFS=$'\t'; echo "$spec"$'\t'"$ops"$'\t'"$tool"$'\t'"$*") > "$f"
  cat "$rows"/* > "$results"
}

# Phase 1: generation, every spec with every tool.
i=0; builds=()
for spec_path in $SPECS; do
  i=$((i + 1)); idx=$(printf '%02d' "$i")
  spec="$(basename "$spec_path")"; spec="${spec%.*}"
  [ -f "$spec_path" ] || { log "missing $spec_path"; continue; }
  ops=$(ops_of "$spec_path")
  crate="g_$(echo "$spec" | tr -c 'a-zA-Z0-9\n' '_')"
  for tool in cpaas progenitor openapi-generator; do
    out="$WORK/out/$tool/$spec"
    rm -rf "$out"; mkdir -p "$out"
    log "$tool: generating $spec ($ops operations)"
    case "$tool" in
      cpaas) g=$(timed "$tool-$spec.gen" "$driver" "$out" "$crate" "$RUNTIME" "$spec_path") ;;
      progenitor) g=$(timed "$tool-$spec.gen" cargo progenitor -i "$spec_path" -o "$out" -n "$crate" -v 0.1.0) ;;
      # SnakeYAML refuses documents over 3 MiB of code points unless told otherwise (Telnyx).
      openapi-generator) g=$(JAVA_OPTS=-DmaxYamlCodePoints=100000000 timed "$tool-$spec.gen" openapi-generator-cli generate -i "$spec_path" -g rust \
          -o "$out" --package-name "$crate" --skip-validate-spec \
          --global-property apiDocs=false,modelDocs=false,apiTests=false,modelTests=false) ;;
    esac
    IFS=$'\t' read -r gst gwall grss <<< "$g"
    if [ "$gst" = 0 ] && [ -d "$out/src" ]; then
      lines=$(rs_lines "$out")
      if [ "$tool" = cpaas ] && ! runtime_ready; then
        log "cpaas: $RUNTIME is a stub: build of $spec pending"
        row "$idx" "$spec" "$tool" "$ops" "$gst" "$gwall" "$grss" "$lines" pending - -
      else
        row "$idx" "$spec" "$tool" "$ops" "$gst" "$gwall" "$grss" "$lines" queued - -
        builds=("$idx|$spec|$tool|$ops|$gst|$gwall|$grss|$lines" "${builds[@]}")
        if [ "$tool" = cpaas ]; then
          row "$idx" "$spec" cpaas+cli "$ops" "$gst" "$gwall" "$grss" "$lines" queued - -
          builds=("$idx|$spec|cpaas+cli|$ops|$gst|$gwall|$grss|$lines" "${builds[@]}")
        fi
      fi
    else
      log "$tool: generation failed for $spec: $(grep -m1 -iE 'error|exception' "$WORK/logs/$tool-$spec.gen.err" | cut -c1-200)"
      row "$idx" "$spec" "$tool" "$ops" "$gst" "$gwall" "$grss" 0 - - -
    fi
  done
done
report

# Phase 2: builds of the generated crates, smallest spec first (the largest take longest).
for b in "${builds[@]}"; do
  IFS='|' read -r idx spec tool ops gst gwall grss lines <<< "$b"
  log "$tool: building $spec ($lines lines)"
  r=$(build "$tool" "$spec" "$WORK/out/${tool%+cli}/$spec")
  IFS=$'\t' read -r bst bwall brss <<< "$r"
  row "$idx" "$spec" "$tool" "$ops" "$gst" "$gwall" "$grss" "$lines" "$bst" "$bwall" "$brss"
  report
done

# ---- scaling: cpaas generation time at 1x..8x the operations of one spec ---------------------
: > "$scaling"
base="${SCALING_SPEC:-$corpus/twilio_conversations_v1.json}"
if [ -f "$base" ]; then
  for k in 1 2 4 8; do
    s="$WORK/scaled/x$k/$(basename "$base" .json).json"; mkdir -p "$(dirname "$s")"
    python3 - "$base" "$k" "$s" <<'PY'
import sys, json
src, k, dst = sys.argv[1], int(sys.argv[2]), sys.argv[3]
d = json.load(open(src)); paths = {}
M = ("get","put","post","delete","patch","head","options","trace")
for c in range(k):
    for p, item in d.get("paths", {}).items():
        item = json.loads(json.dumps(item))
        if c:
            for m, op in item.items():
                if m in M and isinstance(op, dict) and "operationId" in op:
                    op["operationId"] += f"Copy{c}"
        paths[p if c == 0 else f"/copy{c}{p}"] = item
d["paths"] = paths
json.dump(d, open(dst, "w"))
PY
    ops=$(ops_of "$s")
    g=$(timed "scale-x$k" "$driver" "$WORK/scaled/out-x$k" scaled "$RUNTIME" "$s")
    IFS=$'\t' read -r st wall rss <<< "$g"
    printf '%s\t%s\t%s\t%s\n' "$k" "$ops" "$wall" "$rss" >> "$scaling"
  done
fi

report
log "wrote $OUT"
