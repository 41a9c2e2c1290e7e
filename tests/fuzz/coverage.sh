#!/bin/sh
# coverage.sh PROFDATA_TOOL COV_TOOL BUILD_DIR CORPUS_ROOT HARNESS... - replays each
# harness's corpus (no mutation: -runs=0) in the coverage build, merges the profiles
# and prints llvm-cov's line/branch report for the parser sources the harnesses
# exist for. Used by `make fuzz-cov` for the closing figures of issue 8.
profdata=$1; cov=$2; dir=$3; corpus=$4; shift 4
[ -n "$profdata" ] && [ -n "$cov" ] || { echo "fuzz-cov: llvm-profdata/llvm-cov not found (apt-get install llvm)"; exit 2; }
rm -f "$dir"/*.profraw
objs=""; first=""
for h in "$@"; do
    LLVM_PROFILE_FILE="$dir/$h.profraw" "$dir/$h" -runs=0 "$corpus/$h" >/dev/null 2>&1 ||
        { echo "fuzz-cov: $h failed on its corpus"; exit 1; }
    if [ -z "$first" ]; then first=$dir/$h; else objs="$objs -object $dir/$h"; fi
done
"$profdata" merge -sparse "$dir"/*.profraw -o "$dir/all.profdata" || exit 1
# shellcheck disable=SC2086
"$cov" report -instr-profile="$dir/all.profdata" "$first" $objs \
    core/http/gch_http_parser.c core/http/gch_http_header.c core/http/gch_url.c \
    core/json/gch_json_split.c core/json/gch_json_scan.c core/json/gch_json_skim.c \
    core/json/gch_json_path.c core/json/gch_json_str.c \
    core/api/gch_action_patch.c core/api/gch_oauth_reply.c core/api/gch_errorbody.c
