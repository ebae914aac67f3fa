#!/usr/bin/env bash
# Runs the spark-submit job jar in local mode without a Spark installation: the job jar on the
# classpath Spark 4.2.0 itself brings (Maven's provided scope, with Spark's own Jackson 2.21.2), the
# JVM options Spark's launcher adds on Java 17, and spark.master as spark-submit passes it.
#
#   spark/run-local.sh [-m 'local[N]'] IN OUT [bnsl fit options]
#
# With a Spark 4.2 installation the same run is
#   spark-submit --master 'local[*]' --class org.bnsl.spark.FitJob spark/target/bnsl-spark-job.jar IN OUT ...
# Env: SPARK_LOCAL_OPTS (default -Xmx2g) for the driver's JVM.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
master='local[*]'
if [ "${1:-}" = "-m" ]; then master="$2"; shift 2; fi
jar="$root/spark/target/bnsl-spark-job.jar"
cp_file="$root/spark/target/spark-classpath.txt"
if [ ! -f "$jar" ] || [ ! -f "$cp_file" ]; then
  (cd "$root" && mvn -B -q -o -pl spark -am package -DskipTests >&2 \
    && mvn -B -q -o -pl spark dependency:build-classpath -Dmdep.includeScope=provided -Dmdep.outputFile="$cp_file" >&2)
fi
m2="${M2_REPO:-$HOME/.m2/repository}/com/fasterxml/jackson/core"
jv="2.21.2" # Spark 4.2.0's Jackson (spark.jackson.version in the root pom)
# Spark's classpath: the provided jars, without bnsl's own jars and bnsl's Jackson, with Spark's Jackson.
spark_cp="$(tr ':' '\n' < "$cp_file" | grep -v -e '/org/bnsl/' -e '/jackson-core/' -e '/jackson-databind/' -e '/jackson-annotations/' | paste -sd: -)"
spark_cp="$spark_cp:$m2/jackson-core/$jv/jackson-core-$jv.jar:$m2/jackson-databind/$jv/jackson-databind-$jv.jar:$m2/jackson-annotations/2.21/jackson-annotations-2.21.jar"
opens="$(sed -n 's/.*<spark.java.options>\(.*\)/\1/p; /<spark.java.options>/,/<\/spark.java.options>/{/<spark.java.options>/!p}' "$root/spark/pom.xml" \
  | sed 's#</spark.java.options>##' | tr -s ' \n' ' ')"
# shellcheck disable=SC2086
exec java ${SPARK_LOCAL_OPTS:--Xmx2g} $opens -Dspark.master="$master" -Dspark.ui.enabled=false \
  -cp "$jar:$spark_cp" org.bnsl.spark.FitJob "$@"
