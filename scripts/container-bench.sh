#!/usr/bin/env bash
# The container figures of `./bench.sh containers`: image sizes, and the time from `run` to the first 200 on
# /ping for the explainer image, next to the same jar started as a plain process in the same run; the training
# image's run on the Statlog data next to the same training in-process. Loopback only.
# Usage: scripts/container-bench.sh WORK MODEL_DIR PREPARED_DIR   (./bench.sh passes them)
# Environment: BENCH_CONTAINER_ROUNDS (default 5).
set -euo pipefail
cd "$(dirname "$0")/.."
work=$1 model_dir=$2 prepared=$3
rounds=${BENCH_CONTAINER_ROUNDS:-5}
version=$(scripts/project-version.sh)

scripts/container-engine.sh start
set -a
# shellcheck disable=SC1091
. "${CREDIT_CONTAINER_STATE:-/tmp/credit-containers}/engine.env"
set +a
cli() { scripts/container-engine.sh cli "$@"; }
[ -n "${CREDIT_CONTAINER_SERVICE_PID:-}" ] && trap 'scripts/container-engine.sh stop' EXIT

./mvnw -B -q -pl training-service,explainer-service -am package -DskipTests -Dspotless.check.skip=true \
  -Dimage.local.base="$CREDIT_CONTAINER_BASE"

image_id() { sed -n 's/.*"imageId":"sha256:\([0-9a-f]*\)".*/\1/p' "$1/target/jib-image/image.json"; }
load() {
  local id
  id=$(image_id "$1")
  cli image inspect "$id" >/dev/null 2>&1 || cli load -i "$1/target/jib-image/image.tar" >/dev/null
  echo "$id"
}
training=$(load training-service)
explainer=$(load explainer-service)
mib() { awk -v b="$1" 'BEGIN { printf "%.0f MiB", b / 1048576 }'; }
now_ms() { echo $(($(date +%s%N) / 1000000)); }

echo "## container images (engine: $CREDIT_CONTAINER_ENGINE, base: ${CREDIT_CONTAINER_BASE#tar://})"
printf '%-22s %12s %14s\n' image "tar" "in the engine"
for m in training explainer; do
  id=$([ $m = training ] && echo "$training" || echo "$explainer")
  size=$(cli image inspect "$id" --format '{{.Size}}')
  printf '%-22s %12s %14s\n' "credit-$m" "$(mib "$(stat -c %s $m-service/target/jib-image/image.tar)")" "$(mib "$size")"
done
printf '%-22s %12s\n' "base (JRE 17)" "$(mib "$(stat -c %s "${CREDIT_CONTAINER_BASE#tar://}")")"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
# Prints the milliseconds from the start command to the first 200 on /ping at 127.0.0.1:$1.
wait_ping() {
  local port=$1 start=$2
  for _ in $(seq 1 1200); do
    if curl -fs -o /dev/null --max-time 1 "http://127.0.0.1:$port/ping"; then
      echo $(($(now_ms) - start))
      return
    fi
    sleep 0.05
  done
  echo "no 200 on /ping within 60 s" >&2
  return 1
}

echo
echo "## explainer: start to first 200 on /ping, $rounds rounds each, alternating (ms)"
container_ms=() process_ms=()
for r in $(seq 1 "$rounds"); do
  port=$(free_port)
  start=$(now_ms)
  name=credit-bench-$$-$r
  cli run -d --name "$name" --read-only --tmpfs /tmp -v "$(realpath "$model_dir"):/opt/ml/model:ro" \
    -p "127.0.0.1:$port:8080" "$explainer" serve >/dev/null
  container_ms+=("$(wait_ping "$port" "$start")")
  cli rm -f "$name" >/dev/null

  port=$(free_port)
  start=$(now_ms)
  MODEL_DIR=$model_dir SAGEMAKER_BIND_TO_PORT=$port java -jar \
    "explainer-service/target/explainer-service-$version.jar" >"$work/bench-explainer-process.log" 2>&1 &
  pid=$!
  process_ms+=("$(wait_ping "$port" "$start")")
  kill "$pid"
  wait "$pid" 2>/dev/null || true
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
cm=$(median "${container_ms[@]}") pm=$(median "${process_ms[@]}")
echo "container (read-only, model bind-mounted): ${container_ms[*]}  median $cm"
echo "plain process (java -jar):                 ${process_ms[*]}  median $pm"
awk -v c="$cm" -v p="$pm" 'BEGIN { printf "ratio container / process: %.2f\n", c / p }'

echo
echo "## training on $prepared: container vs in-process (ms)"
job=$work/sagemaker-bench
rm -rf "$job"
mkdir -p "$job/input/config" "$job/model" "$job/output" "$work/bench-train-inprocess"
echo '{"seed": "42"}' >"$job/input/config/hyperparameters.json"
echo '{}' >"$job/input/config/inputdataconfig.json"
echo '{"current_host": "algo-1", "hosts": ["algo-1"]}' >"$job/input/config/resourceconfig.json"
mounts=()
for c in schemas data_train label_train data_test label_test; do
  mounts+=(-v "$(realpath "$prepared/$c"):/opt/ml/input/data/$c:ro")
done
start=$(now_ms)
cli run --rm -v "$job/input/config:/opt/ml/input/config:ro" "${mounts[@]}" -v "$job/model:/opt/ml/model" \
  -v "$job/output:/opt/ml/output" "$training" train >"$work/bench-train-container.log" 2>&1
tc=$(($(now_ms) - start))
cp=$(./mvnw -B -q -pl training-service dependency:build-classpath -Dmdep.outputFile=/dev/stdout -Dmdep.includeScope=runtime)
start=$(now_ms)
java -cp "training-service/target/training-service-$version.jar:$cp" com.example.credit.training.cli.TrainCommand \
  --data "$prepared" --model-dir "$work/bench-train-inprocess" --hyperparameters seed=42 >"$work/bench-train-inprocess.log" 2>&1
tp=$(($(now_ms) - start))
echo "container: $tc  in-process: $tp"
awk -v c="$tc" -v p="$tp" 'BEGIN { printf "ratio container / in-process: %.2f\n", c / p }'
if cmp -s "$job/model/model.txt" "$work/bench-train-inprocess/model.txt"; then
  echo "model.txt identical (container and in-process)"
else
  echo "model.txt DIFFERS between container and in-process" >&2
  exit 1
fi
