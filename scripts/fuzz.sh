#!/usr/bin/env bash
# Runs the libFuzzer targets of build/fuzz (preset "fuzz", docs/fuzzing.md) one after the other, each for
# FUZZ_SECONDS seconds over its seed corpus fuzz/corpus/<target>/, and fails if any target reports a crash, a leak,
# a sanitizer error, a timeout or running out of memory.
#
#   scripts/fuzz.sh [--seconds N] [--merge] [target ...]     (default: every target, FUZZ_SECONDS or 6 seconds)
#
# New inputs a run finds go to a temporary corpus, never into the repository. With --merge (make fuzz
# FUZZ_MERGE=1), the inputs that add coverage are merged into fuzz/corpus/<target>/ afterwards (-merge=1): review
# and commit them like any other change. A failing input is kept as build/fuzz/crashes/<target>/<kind>-<sha1>;
# the script prints the command that reproduces it.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
build="$root/build/fuzz"
seconds="${FUZZ_SECONDS:-6}"
merge=0
targets=()
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds="$2"; shift 2 ;;
    --merge) merge=1; shift ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) targets+=("$1"); shift ;;
  esac
done
[ -f "$build/fuzzers.txt" ] || { echo "fuzz: build/fuzz is not built (cmake --preset fuzz && cmake --build --preset fuzz)" >&2; exit 2; }
[ ${#targets[@]} -gt 0 ] || mapfile -t targets < "$build/fuzzers.txt"

work="$(mktemp -d "${TMPDIR:-/tmp}/tongban-fuzz.XXXXXX")"
trap 'rm -rf "$work"' EXIT
# Leaks count as failures; UBSan reports stop the run (the targets are built with -fno-sanitize-recover).
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:symbolize=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"

failed=()
for target in "${targets[@]}"; do
  binary="$build/fuzz/${target}_fuzzer"
  seeds="$root/fuzz/corpus/$target"
  [ -x "$binary" ] || { echo "fuzz: no target $target" >&2; exit 2; }
  mkdir -p "$work/$target/corpus" "$work/$target/artifacts" "$seeds"
  log="$work/$target/log"
  # The first corpus directory receives new inputs: the temporary one. The seeds are only read.
  if "$binary" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
      -artifact_prefix="$work/$target/artifacts/" "$work/$target/corpus" "$seeds" > "$log" 2>&1; then
    runs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)"
    printf 'fuzz: %-18s ok   %8s executions in %ss, corpus %s + %s new\n' "$target" "${runs:-?}" "$seconds" \
      "$(ls "$seeds" | wc -l)" "$(ls "$work/$target/corpus" | wc -l)"
  else
    failed+=("$target")
    echo "fuzz: $target FAILED; the end of its log:" >&2
    tail -n 60 "$log" >&2
    mkdir -p "$build/crashes/$target"
    for artifact in "$work/$target/artifacts/"*; do
      [ -e "$artifact" ] || continue
      cp "$artifact" "$build/crashes/$target/"
      echo "fuzz: reproduce with: $binary $build/crashes/$target/$(basename "$artifact")" >&2
    done
  fi
  if [ "$merge" -eq 1 ] && [ -n "$(ls "$work/$target/corpus")" ]; then
    "$binary" -merge=1 -timeout=10 -rss_limit_mb=2048 "$seeds" "$work/$target/corpus" > "$work/$target/merge.log" 2>&1
    echo "fuzz: $target merged: fuzz/corpus/$target has $(ls "$seeds" | wc -l) inputs"
  fi
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: FAILED: ${failed[*]}" >&2
  exit 1
fi
echo "fuzz: ${#targets[@]} target(s), no crash, leak or sanitizer report"
