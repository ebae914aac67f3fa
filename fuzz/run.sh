#!/usr/bin/env bash
# Runs every Jazzer fuzz target in fuzzing mode for SECONDS each, one after the other (Jazzer
# fuzzes one target per JVM). See docs/FUZZING.md.
#
#   fuzz/run.sh 30            # what CI runs
#   fuzz/run.sh 600 csv       # one target (csv json formula where model) for 10 minutes
#
# New coverage-increasing inputs go to <module>/.cifuzz-corpus/<class>/<method>/ (not committed;
# copy the interesting ones into src/test/resources/.../<Class>Inputs/<method>/ to keep them).
# An input that runs longer than 10 s counts as a hang (libFuzzer -timeout=10).
# A crash is written to src/test/resources/.../<Class>Inputs/<method>/crash-*, fails the run and
# from then on fails `mvn verify` until fixed. Exit status: 0 when every target ran clean.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:?usage: fuzz/run.sh SECONDS [TARGET...]}"
shift
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(csv json formula where model)

status=0
for t in "${targets[@]}"; do
  case "$t" in
    csv)     module=core test='org.bnsl.data.TableFuzzTest#csv' ;;
    json)    module=core test='org.bnsl.data.TableFuzzTest#json' ;;
    formula) module=core test='org.bnsl.law.formula.FormulaFuzzTest#formula' ;;
    where)   module=core test='org.bnsl.law.formula.FormulaFuzzTest#where' ;;
    model)   module=io   test='org.bnsl.io.model.ModelFileFuzzTest#read' ;;
    *) echo "fuzz/run.sh: unknown target '$t' (csv json formula where model)" >&2; exit 2 ;;
  esac
  log="$module/target/fuzz-$t.log"
  mkdir -p "$module/target"
  echo "fuzz: $t for ${seconds}s ($test)"
  # -am and test-compile: the cli target sees core's classes from this tree, not from ~/.m2
  if JAZZER_FUZZ=1 mvn -B -Dstyle.color=never -pl "$module" -am test-compile surefire:test ${MVN_ARGS:-} \
      -Dtest="$test" -Dsurefire.failIfNoSpecifiedTests=false -Djazzer.max_duration="${seconds}s" \
      -Djazzer.internal.arg.0=fuzz -Djazzer.internal.arg.1=-timeout=10 >"$log" 2>&1; then
    result=ok
  else
    result=FAILED
    status=1
  fi
  # libFuzzer's closing line: "Done N runs in S second(s)"
  done_line=$(grep -ao 'Done [0-9]* runs in [0-9]* second(s)' "$log" | tail -1 || true)
  echo "fuzz: $t $result: ${done_line:-no summary} (log: $log)"
done
exit $status
