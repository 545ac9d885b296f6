#!/usr/bin/env bash
# The main job of the README: builds what it needs (no tests) and runs the whole pipeline locally on
# embedded defaults. Options: ./run-pipeline.sh --help
set -euo pipefail
cd "$(dirname "$0")"

runtime=in-process
previous=
for arg in "$@"; do
  case "$arg" in -h|--help) skip_build=1 ;; esac
  [ "$previous" != --runtime ] || runtime=$arg
  previous=$arg
done

build_flags=()
runtime_props=()
# --runtime container (SageMaker local mode): the engine and the local JRE 17 base image, the image tars built on
# that base (Jib, target/jib-image/) and their folders for the job. The default runtime needs no engine.
if [ "$runtime" = container ] && [ -z "${skip_build:-}" ]; then
  scripts/container-engine.sh start
  set -a
  # shellcheck disable=SC1091
  . "${CREDIT_CONTAINER_STATE:-/tmp/credit-containers}/engine.env"
  set +a
  build_flags+=("-Dimage.local.base=$CREDIT_CONTAINER_BASE")
  runtime_props+=(
    "-Dpipeline.training.image.dir=$PWD/training-service/target/jib-image"
    "-Dpipeline.explainer.image.dir=$PWD/explainer-service/target/jib-image"
  )
fi

# --help needs no build when the pipeline's jar is newer than its sources (the usage text lives in them).
if [ -n "${skip_build:-}" ] && { [ ! -f pipeline/target/pipeline.jar ] \
     || [ -n "$(find pipeline/src -newer pipeline/target/pipeline.jar -print -quit)" ]; }; then
  skip_build=
fi

if [ -z "${skip_build:-}" ]; then
  echo "building the modules (tests are run by ./test.sh)…" >&2
  ./mvnw -B -q -DskipTests -pl pipeline -am package ${build_flags[@]+"${build_flags[@]}"}
fi

# Spark 3.5 on Java 17 needs the exports and opens of .mvn/spark-jvm.args; it binds to loopback only. Spark's and
# the other libraries' log goes to pipeline.log in the work folder (the console shows the steps and errors).
export SPARK_LOCAL_IP=127.0.0.1
exec java @.mvn/spark-jvm.args -Xmx${PIPELINE_HEAP:-4g} ${runtime_props[@]+"${runtime_props[@]}"} \
  -cp "pipeline/target/pipeline.jar:pipeline/target/lib/*" \
  com.example.credit.pipeline.Pipeline "$@"
