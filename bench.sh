#!/usr/bin/env bash
# Runs every benchmark of the bench module and prints figures and ratios measured in the same run.
# Usage: ./bench.sh [all|engine|endpoint|batch|dashboard|data|containers]   (default all; containers is not part of all:
#   it needs a container engine, which scripts/container-engine.sh finds or sets up)
# Environment: BENCH_WORK (work folder, default bench/target/work), BENCH_DATA_SIZES (default 1000000),
#   BENCH_BATCH_SIZE (applicants of the batch benchmark, default 1000000),
#   BENCH_DASHBOARD_ROWS (explained applicants of the dashboard benchmark, default 1000000),
#   BENCH_QUICK=1 (short JMH iterations, for trying the harness), BENCH_SKIP_BUILD=1 (use the built jars),
#   BENCH_EXPLAINER_JAR (an explainer jar built elsewhere).
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)
WHAT=${1:-all}
WORK=${BENCH_WORK:-$ROOT/bench/target/work}
RESULTS=$ROOT/docs/bench-results
mkdir -p "$WORK" "$RESULTS"

VERSION=$(scripts/project-version.sh)
DATAGEN_JAR=$ROOT/datagen-lambda/target/datagen-lambda-$VERSION-lambda.jar
ETL_JAR=$ROOT/etl-glue-job/target/etl-glue-job-$VERSION.jar
EXPLAINER_JAR=${BENCH_EXPLAINER_JAR:-$ROOT/explainer-service/target/explainer-service-$VERSION.jar}

if [[ "${BENCH_SKIP_BUILD:-0}" != 1 ]]; then
  # Only the modules the benchmarks launch; credit-core and training-service come from ~/.m2.
  ./mvnw -B -q -pl datagen-lambda,etl-glue-job,explainer-service,batch-service,bench package -DskipTests \
    -Dspotless.check.skip=true
  ./mvnw -B -q -pl etl-glue-job dependency:build-classpath -Dmdep.includeScope=compile \
    -Dmdep.outputFile=target/classpath.txt
fi
BENCH_CP=$ROOT/bench/target/classes:$(cat "$ROOT/bench/target/classpath.txt")
ETL_CP=$ETL_JAR:$(cat "$ROOT/etl-glue-job/target/classpath.txt")
# Spark 3.5 on Java 17: the flags of .mvn/spark-jvm.args, as a java launcher argument file.
SPARK_FLAGS=@$ROOT/.mvn/spark-jvm.args
export SPARK_LOCAL_IP=127.0.0.1

bench() {
  java -Xmx2g -Djava.io.tmpdir="$WORK" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$BENCH_CP" com.example.credit.bench.BenchCommand "$@"
}

# The credit model: Statlog applicants through datagen, the ETL and training-service, as the pipeline does.
prepare_credit_model() {
  if [[ ! -f "$WORK/credit-model/model.txt" ]]; then
    rm -rf "$WORK/raw-statlog" "$WORK/prepared-statlog"
    java -jar "$DATAGEN_JAR" --mode statlog --seed 1 --output "$WORK/raw-statlog"
    (cd "$WORK" && java -Xmx1g $SPARK_FLAGS -cp "$ETL_CP" com.example.credit.etl.EtlJob \
      --input "$WORK/raw-statlog" --output "$WORK/prepared-statlog" --master 'local[2]' 2>"$WORK/etl-statlog.log")
    bench train-credit --data "$WORK/prepared-statlog" --model-dir "$WORK/credit-model"
  fi
}

# Synthetic applicants for the batch benchmark, prepared by the ETL (kept between runs; the raw data is not).
prepare_batch_data() {
  local n=${BENCH_BATCH_SIZE:-1000000}
  BATCH_DATA=$WORK/prepared-batch-$n
  if [[ ! -f "$BATCH_DATA/_SUCCESS" ]]; then
    rm -rf "$WORK/raw-batch" "$BATCH_DATA"
    java -jar "$DATAGEN_JAR" --mode synthetic --n "$n" --seed 7 --output "$WORK/raw-batch" >/dev/null
    (cd "$WORK" && java -Xmx3g $SPARK_FLAGS -cp "$ETL_CP" com.example.credit.etl.EtlJob \
      --input "$WORK/raw-batch" --output "$BATCH_DATA" --master 'local[2]' 2>"$WORK/etl-batch.log")
    rm -rf "$WORK/raw-batch"
  fi
}

{
  echo "# bench run $(date -u +%Y-%m-%dT%H:%M:%SZ) on $(nproc) cores, load: $(cut -d' ' -f1-3 /proc/loadavg)"
  case "$WHAT" in
    all|engine)
      prepare_credit_model
      bench setup --work "$WORK" --credit-model "$WORK/credit-model" --credit-data "$WORK/prepared-statlog"
      bench engine --work "$WORK" ${BENCH_QUICK:+--quick}
      # Load-independent cross-check: both engines alternate on one thread, charged by thread CPU time.
      bench cpu-time --work "$WORK" --rounds 3
      # The engines of TreeShap.Engine side by side, one row at a time and batched, the same way.
      bench engines --work "$WORK" --rounds 3
      ;;&
    all|endpoint)
      prepare_credit_model
      bench endpoint --work "$WORK" --jar "$EXPLAINER_JAR" --model-dir "$WORK/credit-model" \
        --credit-data "$WORK/prepared-statlog"
      ;;&
    all|batch)
      prepare_credit_model
      prepare_batch_data
      bench batch --work "$WORK" --jar "$EXPLAINER_JAR" --model-dir "$WORK/credit-model" --prepared "$BATCH_DATA" \
        --concurrency 1,2
      ;;&
    containers)
      prepare_credit_model
      scripts/container-bench.sh "$WORK" "$WORK/credit-model" "$WORK/prepared-statlog"
      ;;
    all|dashboard)
      # The dashboard's index step and queries on a run of explained applicants (synthetic lines of the batch
      # output's shape, kept under the work folder: about 1.3 GB for a million).
      if [[ -n "${BENCH_QUICK:-}" ]]; then dashboard_rows=${BENCH_DASHBOARD_ROWS:-100000}; else
        dashboard_rows=${BENCH_DASHBOARD_ROWS:-1000000}; fi
      bench dashboard --work "$WORK" --rows "$dashboard_rows"
      ;;&
    all|data)
      bench data --work "$WORK" --datagen-jar "$DATAGEN_JAR" --etl-classpath "$ETL_CP" \
        --spark-flags "$SPARK_FLAGS" --sizes "${BENCH_DATA_SIZES:-1000000}"
      ;;
  esac
  echo "# bench run finished $(date -u +%Y-%m-%dT%H:%M:%SZ), load: $(cut -d' ' -f1-3 /proc/loadavg)"
} 2>&1 | tee "$RESULTS/last-run-$WHAT.txt"
