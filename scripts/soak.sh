#!/usr/bin/env bash
# Bounded soak of the explainer (issue 8): starts the explainer jar on a free loopback port, holds it at
# saturation with closed-loop workers (scripts/SoakClient.java) for SOAK_SECONDS, and fails when any request
# failed or got a wrong answer, when more requests than SOAK_MAX_RETRIED_PPM a million had to be sent a second time
# after an I/O error (a kept-alive connection closed under it), or when the heap after a full GC grew by more than
# SOAK_MAX_HEAP_GROWTH_PCT between the end of the warm-up and the end of the run. Loopback only; nothing leaves this
# machine.
#
#   scripts/soak.sh                       # 2 minutes, 4 workers
#   SOAK_SECONDS=600 SOAK_WORKERS=8 scripts/soak.sh
#
# Settings (environment): SOAK_SECONDS (120), SOAK_WARMUP_SECONDS (20), SOAK_WORKERS (4), SOAK_HEAP (512m),
# SOAK_MAX_HEAP_GROWTH_PCT (10), SOAK_MAX_RETRIED_PPM (100; at least one retry is allowed unless it is 0),
# MODEL_DIR (else work/model of ./run-pipeline.sh, else the golden bundle's model, else one is trained from the
# Statlog fixture), SOAK_DATA (JSON Lines applications; default the Statlog test split). The figures go to stdout
# and to target/soak/soak-<time>.txt.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${SOAK_SECONDS:-120}
warmup=${SOAK_WARMUP_SECONDS:-20}
workers=${SOAK_WORKERS:-4}
heap=${SOAK_HEAP:-512m}
max_growth=${SOAK_MAX_HEAP_GROWTH_PCT:-10}
max_retried_ppm=${SOAK_MAX_RETRIED_PPM:-100}
data=${SOAK_DATA:-training-service/src/test/resources/fixtures/statlog/data_test}
work=target/soak
mkdir -p "$work"
report="$work/soak-$(date -u +%Y%m%dT%H%M%SZ).txt"
say() { echo "soak: $*" | tee -a "$report" >&2; }

# The model: given, or the local pipeline's, or the golden bundle, or trained here (about a minute).
model=${MODEL_DIR:-}
for candidate in work/model credit-test-support/src/main/resources/com/example/credit/testsupport/golden/model; do
  if [ -z "$model" ] && [ -f "$candidate/model.json" ]; then model=$candidate; fi
done
if [ -z "$model" ]; then
  model=$work/model
  say "no model found: training one from the Statlog fixture into $model"
  ./mvnw -B -q -pl training-service compile exec:java \
    -Dexec.args="--data $PWD/training-service/src/test/resources/fixtures/statlog --model-dir $PWD/$model"
fi
model=$(cd "$model" && pwd)

# The jars are copied, so that a rebuild during the soak cannot pull classes from under the running process.
version=$(scripts/project-version.sh)
jar=explainer-service/target/explainer-service-$version.jar
launcher=batch-service/target/batch-service-$version.jar
if [ ! -f "$jar" ] || [ ! -f "$launcher" ]; then
  say "building $jar and $launcher"
  ./mvnw -B -q -pl explainer-service,batch-service -am install -DskipTests
fi
cp "$jar" "$work/explainer.jar"
cp "$launcher" "$work/launcher.jar"

# Started as the pipeline and the benchmarks start it (batch-service's LocalExplainer: free loopback port, the
# hosting contract, ready on the first 200 from /ping); it prints "<pid> <base URL>" and leaves it running.
started=$(java -cp "$work/launcher.jar" com.example.credit.batch.local.LocalExplainer --jar "$work/explainer.jar" \
  --model-dir "$model" --log "$work/explainer.log" --jvm-options "-Xms$heap -Xmx$heap -XX:+UseG1GC") || {
  say "the explainer did not start:"; tail -20 "$work/explainer.log" >&2; exit 1; }
read -r pid base <<<"$started"
trap 'kill "$pid" 2>/dev/null || true' EXIT

# Heap in use after a full GC, in KiB (first line of GC.heap_info: "... total N K, used M K").
heap_after_gc() {
  jcmd "$pid" GC.run >/dev/null
  jcmd "$pid" GC.heap_info | grep -m1 -o 'used [0-9]*K' | grep -o '[0-9]*'
}

say "explainer pid $pid on $base, heap $heap, model $model, $(java -version 2>&1 | head -1)"
say "warm-up: $warmup s"
java scripts/SoakClient.java "$base" "$warmup" "$workers" "$data" "$max_retried_ppm" >"$work/warmup.txt" || {
  say "the warm-up failed:"; cat "$work/warmup.txt" >&2; exit 1; }
start_heap=$(heap_after_gc)
say "heap after full GC at start: $start_heap KiB"
say "soak: $seconds s with $workers workers"
set +e
java scripts/SoakClient.java "$base" "$seconds" "$workers" "$data" "$max_retried_ppm" | tee -a "$report"
client=${PIPESTATUS[0]}
set -e
end_heap=$(heap_after_gc)
growth=$(python3 -c "print(f'{($end_heap - $start_heap) * 100 / $start_heap:.1f}')")
say "heap after full GC at end: $end_heap KiB (growth $growth %, limit $max_growth %)"
rss=$(grep VmRSS "/proc/$pid/status" | grep -o '[0-9]*')
say "explainer RSS at end: $rss KiB; server-side errors logged: $(grep -c ' ERROR ' "$work/explainer.log" || true)"

status=0
if [ "$client" -ne 0 ]; then say "FAILED: requests failed, got wrong answers or were retried too often"; status=1; fi
if python3 -c "import sys; sys.exit(0 if $growth > $max_growth else 1)"; then
  say "FAILED: heap grew by $growth % (> $max_growth %)"; status=1
fi
if grep -q ' ERROR ' "$work/explainer.log"; then say "FAILED: the explainer logged errors"; status=1; fi
[ "$status" -eq 0 ] && say "PASSED ($report)"
exit "$status"
