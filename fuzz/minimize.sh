#!/usr/bin/env bash
# Minimizes a target's corpus into the repository: every input of the committed corpus
# (src/test/resources/.../<Class>Inputs/<method>/) and of the generated one (.cifuzz-corpus/) is run
# once with libFuzzer's in-process merge step, which records the coverage features of each; then the
# smallest inputs that together reach every feature are kept (libFuzzer's -merge=1 rule: by size,
# keep an input if it adds a feature). Seeds (seed-*) and past findings (regression-*) are always
# kept. Needs python3. See docs/FUZZING.md.
#
#   fuzz/minimize.sh csv      # one of: csv json formula where model
set -euo pipefail
cd "$(dirname "$0")/.."
t="${1:?usage: fuzz/minimize.sh TARGET (csv json formula where model)}"
case "$t" in
  csv)     module=core class=org.bnsl.data.TableFuzzTest method=csv ;;
  json)    module=core class=org.bnsl.data.TableFuzzTest method=json ;;
  formula) module=core class=org.bnsl.law.formula.FormulaFuzzTest method=formula ;;
  where)   module=core class=org.bnsl.law.formula.FormulaFuzzTest method=where ;;
  model)   module=io   class=org.bnsl.io.model.ModelFileFuzzTest method=read ;;
  *) echo "fuzz/minimize.sh: unknown target '$t'" >&2; exit 2 ;;
esac
pkg_dir="${class%.*}"; pkg_dir="${pkg_dir//.//}"
kept="$module/src/test/resources/$pkg_dir/${class##*.}Inputs/$method"
generated="$module/.cifuzz-corpus/$class/$method"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$kept"
{ find "$PWD/$kept" -type f; [ -d "$generated" ] && find "$PWD/$generated" -type f; } > "$work/files" || true
{ wc -l < "$work/files"; echo 0; cat "$work/files"; } > "$work/control"
JAZZER_FUZZ=1 mvn -B -Dstyle.color=never -pl "$module" -am test-compile surefire:test ${MVN_ARGS:-} \
    -Dtest="$class#$method" -Dsurefire.failIfNoSpecifiedTests=false -Dsurefire.reportsDirectory="$work/reports" \
    -Djazzer.internal.arg.0=fuzz -Djazzer.internal.arg.1=-merge_inner=1 \
    -Djazzer.internal.arg.2=-merge_control_file="$work/control" >"$work/log" 2>&1 || true
python3 - "$work/control" "$kept" <<'PY'
import hashlib, os, shutil, sys
control, kept = sys.argv[1], sys.argv[2]
lines = open(control).read().split("\n")
n = int(lines[0]); files = lines[2:2 + n]
size, feats = {}, {}
for line in lines[2 + n:]:
    p = line.split()
    if len(p) >= 3 and p[0] == "STARTED": size[int(p[1])] = int(p[2])
    elif p and p[0] == "FT": feats[int(p[1])] = set(p[2:])
if len(feats) < n:
    sys.exit(f"merge step recorded {len(feats)} of {n} inputs; see the Maven log")
seen, chosen = set(), []
for i in sorted(feats, key=lambda i: (size[i], -len(feats[i]))):
    if feats[i] - seen:
        seen |= feats[i]; chosen.append(i)
data = {}
for i in chosen:
    b = open(files[i], "rb").read()
    data[hashlib.sha1(b).hexdigest()] = b
for f in os.listdir(kept):
    if not (f.startswith("seed-") or f.startswith("regression-")):
        os.remove(os.path.join(kept, f))
named = {hashlib.sha1(open(os.path.join(kept, f), "rb").read()).hexdigest() for f in os.listdir(kept)}
for h, b in data.items():
    if h not in named:
        open(os.path.join(kept, h), "wb").write(b)
print(f"{kept}: {n} inputs, {len(seen)} features; kept {len(os.listdir(kept))} files")
PY
