#!/usr/bin/env bash
# Runs every benchmark of the bench module and prints figures and ratios measured in the same run.
# Usage: ./bench.sh [all|engine|endpoint|batch|dashboard|data|containers|explainer-cpu|quick]   (default all;
#   containers is not part of all: it needs a container engine, which scripts/container-engine.sh finds or sets up;
#   explainer-cpu is the explainer's CPU time per record without HTTP, this build's jar against BENCH_BASELINE_JAR
#   when set, alternating; quick is a reduced engine + endpoint + batch run, under 8 minutes on 2 cores, whose
#   figures are noisier)
# Each benchmark ends with one line per target of issue 19 it measures:
#   target <name>: <value> (goal >=|<= <goal>) reached|missed [how it was measured]
# Environment: BENCH_WORK (work folder, default bench/target/work), BENCH_DATA_SIZES (default 1000000),
#   BENCH_BATCH_SIZE (applicants of the batch benchmark, default 1000000, 10000 in quick),
#   BENCH_DASHBOARD_ROWS (explained applicants of the dashboard benchmark, default 1000000),
#   BENCH_QUICK=1 (short phases in any mode), BENCH_SKIP_BUILD=1 (use the built jars),
#   BENCH_EXPLAINER_JAR (an explainer jar built elsewhere), BENCH_BASELINE_JAR (explainer-cpu: the jar to compare
#   with, e.g. one built from an earlier commit).
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)
WHAT=${1:-all}
case "$WHAT" in
  all|engine|endpoint|batch|dashboard|data|containers|explainer-cpu|quick) ;;
  *)
    echo "usage: ./bench.sh [all|engine|endpoint|batch|dashboard|data|containers|explainer-cpu|quick] (got '$WHAT')" >&2
    exit 2
    ;;
esac
WORK=${BENCH_WORK:-$ROOT/bench/target/work}
RESULTS=$ROOT/docs/bench-results
mkdir -p "$WORK" "$RESULTS"

VERSION=$(scripts/project-version.sh)
DATAGEN_JAR=$ROOT/datagen-lambda/target/datagen-lambda-$VERSION-lambda.jar
ETL_JAR=$ROOT/etl-glue-job/target/etl-glue-job-$VERSION.jar
EXPLAINER_JAR=${BENCH_EXPLAINER_JAR:-$ROOT/explainer-service/target/explainer-service-$VERSION.jar}

if [[ "$WHAT" == quick ]]; then
  BENCH_QUICK=1
fi

BUILD_START=$(date +%s)
if [[ "${BENCH_SKIP_BUILD:-0}" != 1 ]]; then
  # The modules the benchmarks launch and everything they depend on (credit-core, training-service, ...), built by
  # one reactor: nothing comes from ~/.m2 but third-party artifacts, so a fresh clone needs no `mvnw install`.
  # In the same reactor, every module writes its compile class path to target/classpath-compile.txt (the ETL's is
  # used below); its project dependencies resolve to the jars this build packages. bench writes its own runtime
  # class path to bench/target/classpath.txt in the package phase (bench/pom.xml), likewise.
  ./mvnw -B -q -pl datagen-lambda,etl-glue-job,explainer-service,batch-service,bench -am \
    package dependency:build-classpath -Dmdep.includeScope=compile -Dmdep.outputFile=target/classpath-compile.txt \
    -DskipTests -Dspotless.check.skip=true
fi
BUILD_SECONDS=$(($(date +%s) - BUILD_START))
BENCH_CP=$ROOT/bench/target/classes:$(cat "$ROOT/bench/target/classpath.txt")
ETL_CP=$ETL_JAR:$(cat "$ROOT/etl-glue-job/target/classpath-compile.txt")
# The project's own modules must come from this checkout, never from a copy installed in a Maven repository.
if tr ':' '\n' <<<"$BENCH_CP:$ETL_CP" | grep -q '/com/example/credit/'; then
  echo "bench.sh: a class path holds a project module from a Maven repository instead of this build:" >&2
  tr ':' '\n' <<<"$BENCH_CP:$ETL_CP" | grep '/com/example/credit/' >&2
  exit 1
fi
# Spark 3.5 on Java 17: the flags of .mvn/spark-jvm.args, as a java launcher argument file.
SPARK_FLAGS=@$ROOT/.mvn/spark-jvm.args
export SPARK_LOCAL_IP=127.0.0.1

# A time stamp before each stage, so that a run's output shows where its time went.
stage() {
  echo "# $1: $(date -u +%H:%M:%S), load $(cut -d' ' -f1-3 /proc/loadavg)"
}

bench() {
  java -Xmx2g -Djava.io.tmpdir="$WORK" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$BENCH_CP" com.example.credit.bench.BenchCommand "$@"
}

# What a cached artefact was made with: the SHA-256 of the jars (byte-identical between builds of the same sources,
# project.build.outputTimestamp) and classes that made it. A cache whose key differs is made again.
key_of() {
  sha256sum "$@" | cut -d' ' -f1 | sha256sum | cut -d' ' -f1
}

# The credit model: Statlog applicants through datagen, the ETL and training-service, as the pipeline does. Kept in
# the work folder and made again when datagen, the ETL, training-service (its defaults) or the bench's training
# call changed.
prepare_credit_model() {
  local key
  key=$(key_of "$DATAGEN_JAR" "$ETL_JAR" "$ROOT/training-service/target/training-service-$VERSION.jar" \
    "$ROOT/bench/target/classes/com/example/credit/bench/BenchCommand.class")
  if [[ ! -f "$WORK/credit-model/model.txt" || "$(cat "$WORK/credit-model.key" 2>/dev/null)" != "$key" ]]; then
    if [[ -f "$WORK/credit-model/model.txt" ]]; then
      echo "bench.sh: the cached credit model was made by other jars or bench code: retraining it"
    fi
    stage "credit model: datagen, ETL, training"
    rm -rf "$WORK/raw-statlog" "$WORK/prepared-statlog" "$WORK/credit-model" "$WORK/credit-model.key"
    java -jar "$DATAGEN_JAR" --mode statlog --seed 1 --output "$WORK/raw-statlog"
    (cd "$WORK" && java -Xmx1g $SPARK_FLAGS -cp "$ETL_CP" com.example.credit.etl.EtlJob \
      --input "$WORK/raw-statlog" --output "$WORK/prepared-statlog" --master 'local[2]' 2>"$WORK/etl-statlog.log")
    bench train-credit --data "$WORK/prepared-statlog" --model-dir "$WORK/credit-model"
    echo "$key" >"$WORK/credit-model.key"
  fi
}

# Synthetic applicants for the batch benchmark, prepared by the ETL (kept between runs, made again when datagen or the
# ETL changed; the raw data is not kept).
prepare_batch_data() {
  local n=$1 key
  BATCH_DATA=$WORK/prepared-batch-$n
  key=$(key_of "$DATAGEN_JAR" "$ETL_JAR")
  if [[ ! -f "$BATCH_DATA/_SUCCESS" || "$(cat "$BATCH_DATA.key" 2>/dev/null)" != "$key" ]]; then
    stage "batch data: datagen and ETL of $n applicants"
    rm -rf "$WORK/raw-batch" "$BATCH_DATA" "$BATCH_DATA.key"
    java -jar "$DATAGEN_JAR" --mode synthetic --n "$n" --seed 7 --output "$WORK/raw-batch" >/dev/null
    (cd "$WORK" && java -Xmx3g $SPARK_FLAGS -cp "$ETL_CP" com.example.credit.etl.EtlJob \
      --input "$WORK/raw-batch" --output "$BATCH_DATA" --master 'local[2]' 2>"$WORK/etl-batch.log")
    rm -rf "$WORK/raw-batch"
    echo "$key" >"$BATCH_DATA.key"
  fi
}

# The engine benchmarks: the synthetic models (trained once), the equality check, JMH, then the CPU-time check and
# the engine's target lines.
engine_stage() {
  prepare_credit_model
  stage "engine setup"
  bench setup --work "$WORK" --credit-model "$WORK/credit-model" --credit-data "$WORK/prepared-statlog"
  stage "engine: JMH, then the CPU-time check"
  if [[ -n "${BENCH_QUICK:-}" ]]; then
    bench engine --work "$WORK" --quick --rounds 1 --interaction-rows 50 --warm-up-seconds 1
  else
    bench engine --work "$WORK" --rounds 3
    stage "engines"
    # The engines of TreeShap.Engine side by side, one row at a time and batched, charged by thread CPU time.
    bench engines --work "$WORK" --rounds 3
  fi
}

endpoint_stage() {
  prepare_credit_model
  stage "endpoint"
  bench endpoint --work "$WORK" --jar "$EXPLAINER_JAR" --model-dir "$WORK/credit-model" \
    --credit-data "$WORK/prepared-statlog" ${BENCH_QUICK:+--quick}
}

# The explainer's CPU time per record without HTTP (bench/explainer-cpu/ExplainerCpu.java, run with the classes and
# libraries of each jar): this build's jar, and BENCH_BASELINE_JAR when set, alternating in three pairs.
explainer_cpu_stage() {
  prepare_credit_model
  stage "explainer-cpu"
  local labels=(current) jars=("$EXPLAINER_JAR") i label dir seconds=3
  if [[ -n "${BENCH_QUICK:-}" ]]; then seconds=1; fi
  if [[ -n "${BENCH_BASELINE_JAR:-}" ]]; then
    labels=(baseline current)
    jars=("$BENCH_BASELINE_JAR" "$EXPLAINER_JAR")
  fi
  for i in "${!jars[@]}"; do
    dir=$WORK/explainer-cpu/${labels[$i]}
    rm -rf "$dir" && mkdir -p "$dir"
    (cd "$dir" && jar xf "${jars[$i]}")
  done
  : >"$WORK/explainer-cpu.log"
  for pair in 1 2 3; do
    for label in "${labels[@]}"; do
      dir=$WORK/explainer-cpu/$label
      java -Xmx1g -Djava.io.tmpdir="$WORK" -cp "$dir/BOOT-INF/classes:$dir/BOOT-INF/lib/*" \
        "$ROOT/bench/explainer-cpu/ExplainerCpu.java" "$WORK/credit-model" "$WORK/prepared-statlog" \
        "$label" 3 "$seconds" 2>>"$WORK/explainer-cpu.log" | tail -1
    done
  done | tee "$WORK/explainer-cpu.txt"
  # The median of each jar's three medians, and their ratio.
  local -A median
  for label in "${labels[@]}"; do
    median[$label]=$(awk -v l="$label:" '$2 == l { print $3 }' "$WORK/explainer-cpu.txt" | sort -n | sed -n 2p)
    echo "explainer-cpu: $label ${median[$label]} us a record (median of 3 runs)"
  done
  if [[ -n "${BENCH_BASELINE_JAR:-}" ]]; then
    awk -v c="${median[current]}" -v b="${median[baseline]}" \
      'BEGIN { printf "explainer-cpu: current / baseline %.2fx (%.1f vs %.1f us a record)\n", c / b, c, b }'
  fi
}

# $1: the transforms' concurrencies.
batch_stage() {
  prepare_credit_model
  if [[ -n "${BENCH_QUICK:-}" ]]; then prepare_batch_data "${BENCH_BATCH_SIZE:-10000}"; else
    prepare_batch_data "${BENCH_BATCH_SIZE:-1000000}"; fi
  stage "batch"
  bench batch --work "$WORK" --jar "$EXPLAINER_JAR" --model-dir "$WORK/credit-model" --prepared "$BATCH_DATA" \
    --concurrency "$1"
}

{
  echo "# bench run $(date -u +%Y-%m-%dT%H:%M:%SZ) on $(nproc) cores, load: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "# build: ${BUILD_SECONDS} s$([[ "${BENCH_SKIP_BUILD:-0}" == 1 ]] && echo ' (skipped)')"
  if [[ -n "${BENCH_QUICK:-}" ]]; then
    echo "# quick run: shorter phases and fewer rows, figures are noisier than a full run"
  fi
  case "$WHAT" in
    quick)
      # Engine (quick JMH: the target benchmarks, 1 s iterations; one CPU-time round), endpoint (4 s phases) and
      # batch (10,000 applicants, 1 concurrent transform).
      engine_stage
      endpoint_stage
      batch_stage 1
      ;;
    all|engine)
      engine_stage
      ;;&
    all|endpoint)
      endpoint_stage
      ;;&
    all|batch)
      batch_stage 1,2
      ;;&
    explainer-cpu)
      explainer_cpu_stage
      ;;
    containers)
      prepare_credit_model
      scripts/container-bench.sh "$WORK" "$WORK/credit-model" "$WORK/prepared-statlog"
      ;;
    all|dashboard)
      # The dashboard's index step and queries on a run of explained applicants (synthetic lines of the batch
      # output's shape, kept under the work folder: about 1.3 GB for a million).
      if [[ -n "${BENCH_QUICK:-}" ]]; then dashboard_rows=${BENCH_DASHBOARD_ROWS:-100000}; else
        dashboard_rows=${BENCH_DASHBOARD_ROWS:-1000000}; fi
      prepare_credit_model
      bench dashboard --work "$WORK" --rows "$dashboard_rows" --model "$WORK/credit-model"
      ;;&
    all|data)
      bench data --work "$WORK" --datagen-jar "$DATAGEN_JAR" --etl-classpath "$ETL_CP" \
        --spark-flags "$SPARK_FLAGS" --sizes "${BENCH_DATA_SIZES:-1000000}"
      ;;
  esac
  echo "# bench run finished $(date -u +%Y-%m-%dT%H:%M:%SZ), load: $(cut -d' ' -f1-3 /proc/loadavg)"
} 2>&1 | tee "$RESULTS/last-run-$WHAT.txt"
