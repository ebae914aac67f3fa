#!/usr/bin/env bash
# Spark local mode against the CLI's batch path (issue 14): the same 10,000 seeded 20-point 1-break
# curves (bench/run-batch.sh's file), fitted by `bnsl fit --group group --jsonl` and by the Spark job
# (spark/run-local.sh, local[2]), alternately; wall time of each whole process, Spark's own
# in-job time, and whether the two outputs hold the same lines.
#
#   bench/run-spark.sh [RUNS] [extra bnsl fit options...]      (default 1 run of --breaks 1)
#
# Env: CURVES (default 10000), SEED (default 7), MASTER (default local[2]).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-1}"; shift || true
extra=("$@"); [ ${#extra[@]} -eq 0 ] && extra=(--breaks 1)
curves="${CURVES:-10000}"; seed="${SEED:-7}"; master="${MASTER:-local[2]}"
cli="$root/cli/target/bnsl.jar"; bench="$root/bench/target/benchmarks.jar"; job="$root/spark/target/bnsl-spark-job.jar"
if [ ! -f "$cli" ] || [ ! -f "$bench" ] || [ ! -f "$job" ]; then
  (cd "$root" && mvn -B -q -DskipTests package -pl bench,spark -am >&2)
fi
csv="$root/bench/target/batch-${curves}-seed${seed}.csv"
[ -f "$csv" ] || java -cp "$bench" org.bnsl.bench.BatchCsv "$csv" "$curves" "$seed"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
echo "machine: $(nproc) cores, $(java -version 2>&1 | sed -n 2p); load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "options: ${extra[*]}"
for i in $(seq 1 "$runs"); do
  /usr/bin/time -f "%e %U %S" -o "$work/cli.time" java -Xmx768m -jar "$cli" fit "$csv" --x x --y y --group group --jsonl --quiet \
    "${extra[@]}" > "$work/cli.jsonl" || [ $? -eq 3 ]
  read -r wall user sys < "$work/cli.time"
  echo "run $i: CLI   wall ${wall} s (user ${user} s, sys ${sys} s): $(awk -v w="$wall" -v n="$curves" 'BEGIN{printf "%.0f", n/w}') curves/s"
  rm -rf "$work/spark.jsonl"
  /usr/bin/time -f "%e %U %S" -o "$work/spark.time" "$root/spark/run-local.sh" -m "$master" "$csv" "$work/spark.jsonl" \
    --x x --y y --group group "${extra[@]}" > "$work/spark.out" 2> "$work/spark.err" || [ $? -eq 3 ]
  read -r wall user sys < "$work/spark.time"
  echo "run $i: Spark wall ${wall} s (user ${user} s, sys ${sys} s): $(awk -v w="$wall" -v n="$curves" 'BEGIN{printf "%.0f", n/w}') curves/s; $(cat "$work/spark.out")"
  grep -h 'Finished task' "$work/spark.err" | sed -n 's/.*in \([0-9]*\) ms on .*(\([0-9]*\)\/\([0-9]*\)).*/\1 \3/p' > "$work/tasks.txt" || true
  [ -s "$work/tasks.txt" ] && echo "       Spark tasks: $(wc -l < "$work/tasks.txt") finished, $(awk '{s+=$1} END{printf "%.1f", s/1000}' "$work/tasks.txt") s summed"
  if cmp -s <(sort "$work/cli.jsonl") <(cat "$work"/spark.jsonl/part-* | sort); then
    echo "       outputs: the same $(wc -l < "$work/cli.jsonl") lines"
  else
    echo "       outputs DIFFER: $(comm -3 <(sort "$work/cli.jsonl") <(cat "$work"/spark.jsonl/part-* | sort) | wc -l) lines"
  fi
done
