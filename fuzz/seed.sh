#!/usr/bin/env bash
# Fills fuzz/corpus/<target>/ with seed inputs from the shared test corpus (read-only copies of
# public documents; not committed here). Small files only, so libFuzzer's -max_len stays useful.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
shared="${SHARED:-$here/../../shared}"
if [ ! -d "$shared/corpus" ]; then
  echo "no shared corpus at $shared: targets start from an empty corpus" >&2
  exit 0
fi
small() { find "$@" -type f -size -64k 2>/dev/null; }
copy() { # target, files...
  local t="$1"; shift
  mkdir -p "$here/corpus/$t"
  for f in "$@"; do cp -f "$f" "$here/corpus/$t/$(echo "$f" | sed 's#.*/shared/##; s#/#_#g')"; done
}
specs=$(small "$shared/corpus/specs")
pages=$(small "$shared/corpus/pages" "$shared/seeds")
copy recover $specs $pages
copy pipeline $specs $pages
copy yaml $specs
copy mintlify_md $(small "$shared/corpus/pages/mintlify_md" "$shared/seeds")
# frontends: the first byte picks the frontend (see fuzz_targets/frontends.rs).
mkdir -p "$here/corpus/frontends"
i=0
for f in $pages; do
  for pick in 0 1 2 3 4 5 6; do
    { printf "\\$(printf '%03o' "$pick")"; cat "$f"; } > "$here/corpus/frontends/$pick-$i"
  done
  i=$((i + 1))
done
copy lower $(find "$shared/corpus/specs" -type f -name '*.json' -size -64k)
chmod -R u+w "$here/corpus"
echo "seeded: $(for t in recover frontends pipeline yaml mintlify_md lower; do echo -n "$t=$(ls "$here/corpus/$t" | wc -l) "; done)"
