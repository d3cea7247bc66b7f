#!/usr/bin/env bash
# Fuzzes sio4j's network decoders with Jazzer (coverage-guided) for as long as asked; the test suite runs each target
# for a few seconds only. Usage:
#   scripts/fuzz.sh [--minutes=N] [CLASS_SUBSTRING ...]
# Every @FuzzTest under */src/test/java/**/fuzz/ is a target (default: all of them, N minutes each; N defaults to 10).
# The corpus grows in <module>/.cifuzz-corpus/<class>/<method> (shared with the test suite's short runs); a finding is
# written to <module>/src/test/resources/<package>/<Class>Inputs/<method>/, where every later `mvn test` replays it.
set -euo pipefail
cd "$(dirname "$0")/.."

minutes=10
filters=()
for arg in "$@"; do
  case "$arg" in
    --minutes=*) minutes="${arg#--minutes=}"; [[ "$minutes" =~ ^[1-9][0-9]*$ ]] || { echo "--minutes takes a whole number above 0" >&2; exit 2; } ;;
    -h|--help) sed -n '2,7p' "$0"; exit 0 ;;
    *) filters+=("$arg") ;;
  esac
done

mapfile -t files < <(grep -l '@FuzzTest' */src/test/java/dev/sio4j/*/fuzz/*.java 2>/dev/null || true)
[ "${#files[@]}" -gt 0 ] || { echo "no fuzz targets found" >&2; exit 1; }

declare -A built=()
for file in "${files[@]}"; do
  module="${file%%/src/*}"
  class=$(echo "${file#*/src/test/java/}" | sed 's#/#.#g; s#\.java$##')
  if [ "${#filters[@]}" -gt 0 ]; then
    keep=0
    for f in "${filters[@]}"; do [[ "$class" == *"$f"* ]] && keep=1; done
    [ "$keep" = 1 ] || continue
  fi
  if [ -z "${built[$module]:-}" ]; then
    mvn -B -q test-compile dependency:build-classpath -pl "$module" -am -Dmdep.includeScope=test \
      -Dmdep.outputFile=target/fuzz-classpath.txt >/dev/null
    built[$module]=1
  fi
  classpath="$module/target/test-classes:$module/target/classes:$(cat "$module/target/fuzz-classpath.txt")"
  for method in $(grep -A2 '@FuzzTest' "$file" | sed -n 's/.*void \([A-Za-z0-9_]*\)(.*/\1/p'); do
    corpus="$module/.cifuzz-corpus/$class/$method"
    findings="$module/src/test/resources/$(dirname "${file#*/src/test/java/}")/${class##*.}Inputs/$method"
    mkdir -p "$corpus" "$findings"
    echo "=== $class#$method for $minutes min (corpus $corpus)"
    # the kept inputs (seeds and earlier findings) as a second, read-only corpus
    kept="$module/target/test-classes/$(dirname "${file#*/src/test/java/}")/${class##*.}Inputs/$method"
    dirs=("$corpus")
    [ -d "$kept" ] && dirs+=("$kept")
    java -cp "$classpath" com.code_intelligence.jazzer.Jazzer --target_class="$class" --target_method="$method" \
      -max_total_time=$((minutes * 60)) -artifact_prefix="$findings/" "${dirs[@]}" 2>&1 |
      grep -vE '^INFO: (Loaded|Instrumented)' || { echo "=== FINDING in $class#$method: see $findings" >&2; exit 1; }
  done
done
