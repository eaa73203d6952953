#!/usr/bin/env bash
# Real-world measurement (issue #13): cpaas-codegen, progenitor and openapi-generator (rust) on a
# corpus of public API descriptions kept outside the repository. For each spec and tool: did it
# generate (yes / refused with a diagnostic / crashed / timeout), does the generated crate pass
# `cargo check`, and, for cpaas, is it silently wrong where a script can tell (operations of the
# spec missing from the crate with no warning; a path parameter of the template that the
# method does not take).
#
#   bench/realworld.sh CORPUS [WORK]
#
# CORPUS holds manifest.tsv (name, shape, version, entry, source, commit, path, bytes,
# operations; entry relative to CORPUS) and the files it names; see BENCHMARKS.md for how the
# corpus was drawn. WORK (default /tmp/cpaas-realworld) gets out/, logs/, one target dir per
# tool (dependencies build once), rows/ (one result per spec and tool) and results.tsv.
# Resumable: a spec and tool with a row in rows/ is skipped; delete the row to redo it.
#   ONLY="name1 name2"   only these specs        TOOLS="cpaas"   only these tools
#   TIMEOUT=300          seconds per generation and per `cargo check`
#   DRIVER_TARGET=dir    where the cpaas driver is built (default WORK/target-driver)
#   DRIVER=path          a gen_crate driver already built (then none is built)
#   REPORT_ONLY=1        print the per-shape table from results.tsv and exit
# Checks run with `nice -n 10` and `-j 1` (the machine is shared). Installs cargo-progenitor
# (cargo install) and openapi-generator-cli (pip; bundles the jar, needs Java 11+) if missing.
set -uo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
CORPUS="$(cd "${1:?usage: bench/realworld.sh CORPUS [WORK]}" && pwd)"
WORK="${2:-${WORK:-/tmp/cpaas-realworld}}"
TIMEOUT="${TIMEOUT:-300}"
TOOLS="${TOOLS:-cpaas progenitor openapi-generator}"
RUNTIME="$repo/runtime"
mkdir -p "$WORK/rows" "$WORK/logs" "$WORK/out"
log() { echo "[$(date +%H:%M:%S)] $*" >&2; }

report() {
python3 - "$WORK/results.tsv" <<'PY'
import sys, collections
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1]) if l.strip()]
hdr, rows = rows[0], rows[1:]
ix = {h: i for i, h in enumerate(hdr)}
tools = ["cpaas", "progenitor", "openapi-generator"]
shapes = ["2.0", "3.0", "3.1", "multi-file"]
cnt = collections.Counter()
specs = collections.defaultdict(set)
for r in rows:
    g = lambda k: r[ix[k]]
    sh, t = g("shape"), g("tool")
    specs[sh].add(g("name"))
    for s in (sh, "all"):
        cnt[s, t, "n"] += 1
        gen = g("generated")
        if gen == "yes": cnt[s, t, "gen"] += 1
        if gen == "yes" and g("compiles") == "yes": cnt[s, t, "ok"] += 1
        if gen == "refused": cnt[s, t, "refused"] += 1
        if gen == "crashed" or (gen == "yes" and g("compiles") == "no"): cnt[s, t, "failed"] += 1
        if gen == "timeout" or g("compiles") == "timeout": cnt[s, t, "timeout"] += 1
        if g("silently_wrong") not in ("", "-", "no"): cnt[s, t, "wrong"] += 1
print("| shape (specs) | tool | generated | compiles | refused clearly | crashed / does not compile | timeout | silently wrong |")
print("|---|---|---:|---:|---:|---:|---:|---:|")
for s in shapes + ["all"]:
    n = len(specs[s]) if s != "all" else len(set().union(*specs.values()))
    for t in tools:
        if not cnt[s, t, "n"]: continue
        w = str(cnt[s, t, "wrong"]) if t == "cpaas" else "not checked"
        print(f"| {s} ({n}) | {t} | {cnt[s,t,'gen']} | {cnt[s,t,'ok']} | {cnt[s,t,'refused']} | {cnt[s,t,'failed']} | {cnt[s,t,'timeout']} | {w} |")
PY
}
collect() {
  { printf 'name\tshape\tversion\tbytes\toperations\ttool\tgenerated\tgen_s\tcompiles\tcheck_s\tops_generated\twarnings\tsilently_wrong\tnote\n'
    cat "$WORK"/rows/* 2>/dev/null; } > "$WORK/results.tsv"
}
if [ "${REPORT_ONLY:-0}" = 1 ]; then collect; report; exit; fi

# ---- tools --------------------------------------------------------------------------------
command -v java >/dev/null || { log "Java is required by openapi-generator"; exit 1; }
command -v cargo-progenitor >/dev/null || { log "installing cargo-progenitor"; cargo install -j 1 cargo-progenitor >&2; }
command -v openapi-generator-cli >/dev/null || { log "installing openapi-generator-cli"; pip install -q openapi-generator-cli >&2; }
driver="${DRIVER:-}"
if [ -z "$driver" ]; then
  driver_target="${DRIVER_TARGET:-$WORK/target-driver}"
  log "building the cpaas-codegen driver (opt-level 2, as build.rs runs it)"
  CARGO_PROFILE_RELEASE_OPT_LEVEL=2 CARGO_TARGET_DIR="$driver_target" nice -n 10 \
    cargo build -q -j 1 --release -p cpaas-codegen --example gen_crate \
    --manifest-path "$repo/Cargo.toml" >&2 || { log "driver build failed"; exit 1; }
  driver="$driver_target/release/examples/gen_crate"
fi

# ---- one spec, one tool ---------------------------------------------------------------------
# gen TOOL ENTRY OUT CRATE ROOT: generation under a timeout; prints the exit status.
gen() {
  local tool="$1" entry="$2" out="$3" crate="$4"
  case "$tool" in
    # The spec's folder in the corpus is its tree: the root its `$ref`s may reach (`--root`).
    cpaas) CPAAS_BUNDLE_ROOT="$5" timeout "$TIMEOUT" nice -n 10 "$driver" "$out" "$crate" "$RUNTIME" "$entry" ;;
    progenitor) timeout "$TIMEOUT" nice -n 10 cargo progenitor -i "$entry" -o "$out" -n "$crate" -v 0.1.0 ;;
    # SnakeYAML refuses documents over 3 MiB of code points unless told otherwise. The crate's
    # version is set: by default it is the spec's `info.version`, often no semver (`2014-10-06`).
    openapi-generator) JAVA_OPTS=-DmaxYamlCodePoints=100000000 \
      timeout "$TIMEOUT" nice -n 10 openapi-generator-cli generate -i "$entry" -g rust -o "$out" \
        --package-name "$crate" --skip-validate-spec --additional-properties packageVersion=0.1.0 \
        --global-property apiDocs=false,modelDocs=false,apiTests=false,modelTests=false ;;
  esac
}
# silently wrong (cpaas): ops of the spec (path items followed through relative files) against
# the generated crate's; path-template parameters the generated request builder cannot set.
cpaas_wrong() {
  python3 "$repo/bench/realworld_check.py" "$1" "$2" "$3"
}

run() { # NAME SHAPE VERSION ENTRY BYTES OPS TOOL
  local name="$1" shape="$2" version="$3" entry="$4" bytes="$5" ops="$6" tool="$7"
  local row="$WORK/rows/$name.$tool"
  [ -s "$row" ] && return
  local out="$WORK/out/$tool/$name" crate="rw_$name" lg="$WORK/logs/$tool-$name"
  rm -rf "$out"; mkdir -p "$out"
  log "$tool: $name ($shape, $ops operations, $bytes bytes)"
  local t0=$SECONDS st
  gen "$tool" "$CORPUS/$entry" "$out" "$crate" "$CORPUS/specs/$name" > "$lg.gen.out" 2> "$lg.gen.err"; st=$?
  local gs=$((SECONDS - t0)) generated compiles="-" cs="-" opsg="-" warns="-" wrong="-" note=""
  if [ "$st" = 0 ] && [ -f "$out/Cargo.toml" ]; then generated=yes
  elif [ "$st" = 124 ]; then generated=timeout; note="generation over ${TIMEOUT}s"
  elif [ "$st" -ge 128 ] || grep -qE "panicked at|Exception in thread|^\s+at (org|java)\." "$lg.gen.err" "$lg.gen.out"; then
    generated=crashed
  else generated=refused
  fi
  if [ "$generated" != yes ] && [ -z "$note" ]; then
    note=$(grep -m1 -hiE "error|exception|panicked|refus|not supported|unsupported" "$lg.gen.err" "$lg.gen.out" | cut -c1-220)
    [ -n "$note" ] || note=$(tail -n1 "$lg.gen.err" | cut -c1-220)
  fi
  if [ "$tool" = cpaas ]; then
    warns=$(grep -c 'warning\[' "$lg.gen.err")
    opsg=$(grep -oE 'generated [0-9]+ operations' "$lg.gen.err" | grep -oE '[0-9]+' || echo -)
  fi
  if [ "$generated" = yes ]; then
    t0=$SECONDS
    ( cd "$out" && CARGO_TARGET_DIR="$WORK/target-$tool" CARGO_INCREMENTAL=0 timeout "$TIMEOUT" \
        nice -n 10 cargo check -j 1 --message-format short > "$lg.check.log" 2>&1 ); st=$?
    cs=$((SECONDS - t0))
    case "$st" in 0) compiles=yes ;; 124) compiles=timeout ;; *) compiles=no
      note=$(grep -m1 -E '^(error|[^ ]+:[0-9]+:[0-9]+: error)' "$lg.check.log" | cut -c1-220) ;; esac
    if [ "$tool" = cpaas ]; then
      local w; w=$(cpaas_wrong "$CORPUS/$entry" "$out" "$lg.gen.err")
      wrong="${w%%|*}"; [ "$wrong" = no ] || note="${note:+$note; }${w#*|}"
    fi
  fi
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$shape" "$version" \
    "$bytes" "$ops" "$tool" "$generated" "$gs" "$compiles" "$cs" "$opsg" "$warns" "$wrong" \
    "$(printf '%s' "$note" | tr '\t\n' '  ' | cut -c1-300)" > "$row"
  log "$tool: $name: generated=$generated compiles=$compiles wrong=$wrong ${note:0:120}"
}

# Smallest specs first: the most results early; the largest crates check last.
tail -n +2 "$CORPUS/manifest.tsv" | sort -t$'\t' -k8,8n | while IFS=$'\t' read -r name shape version entry _src _commit _path bytes ops; do
  if [ -n "${ONLY:-}" ] && ! [[ " $ONLY " == *" $name "* ]]; then continue; fi
  for tool in $TOOLS; do run "$name" "$shape" "$version" "$entry" "$bytes" "$ops" "$tool" < /dev/null; done
  collect
done
collect
report
