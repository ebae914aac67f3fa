#!/usr/bin/env bash
# The whole-process batch benchmark (issue 7): `bnsl fit` on 10,000 seeded 20-point 1-break curves,
# JVM start included, wall time and peak RSS from /usr/bin/time -v. Targets: <= 60 s, <= 1 GB.
#
#   bench/run-batch.sh [RUNS]        (default 1 run; builds the jars if they are missing)
#
# Env: CURVES (default 10000), SEED (default 7, as BatchBenchmark), BNSL_JAVA_OPTS (default -Xmx768m, as ./bnsl).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-1}"
curves="${CURVES:-10000}"
seed="${SEED:-7}"
cli="$root/cli/target/bnsl.jar"
bench="$root/bench/target/benchmarks.jar"
if [ ! -f "$cli" ] || [ ! -f "$bench" ]; then
  echo "building jars..." >&2
  (cd "$root" && mvn -B -q -DskipTests package -pl bench -am >&2)
fi
csv="$root/bench/target/batch-${curves}-seed${seed}.csv"
if [ ! -f "$csv" ]; then
  java -cp "$bench" org.bnsl.bench.BatchCsv "$csv" "$curves" "$seed"
fi
echo "machine: $(nproc) cores, $(java -version 2>&1 | sed -n 2p)"
for i in $(seq 1 "$runs"); do
  log="$(mktemp)"
  # shellcheck disable=SC2086
  /usr/bin/time -v java ${BNSL_JAVA_OPTS:--Xmx768m} -jar "$cli" fit "$csv" --x x --y y --group group --breaks 1 --json \
    > /dev/null 2> "$log" || { cat "$log" >&2; rm -f "$log"; exit 1; }
  wall="$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$log")"
  rss="$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$log")"
  cpu="$(sed -n 's/.*Percent of CPU this job got: //p' "$log")"
  echo "run $i: $curves curves, wall $wall, peak RSS $((rss / 1024)) MB, CPU $cpu"
  rm -f "$log"
done
