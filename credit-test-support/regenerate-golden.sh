#!/usr/bin/env bash
# Regenerates the golden model bundle (src/main/resources/com/example/credit/testsupport/golden/) from
# training-service's Statlog fixture with training-service's own TrainCommand, exactly as the pipeline trains:
#   1. build training-service (and what it needs) from this checkout, in the reactor (nothing is installed);
#   2. TrainCommand --data <fixture> --model-dir <tmp>: default hyperparameters, seed 42;
#   3. copy the model directory and the fixture's held-out split (data_test, label_test) into the bundle;
#   4. GoldenBundleWriter (this module's test code): LightGBM's prediction and pred_contrib for the held-out rows
#      (lightgbm-reference.csv) and the index with every file's SHA-256 (golden.json).
# Then run ./mvnw -B -o -pl credit-test-support,training-service verify: both guard the bundle.
# Usage (from anywhere): credit-test-support/regenerate-golden.sh   (MVN_FLAGS="" to build online)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
fixture=training-service/src/test/resources/fixtures/statlog
bundle=credit-test-support/src/main/resources/com/example/credit/testsupport/golden
flags=${MVN_FLAGS--o}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Built in the reactor, not installed: the class path then points at this checkout's credit-core, not at whatever
# ~/.m2 holds (which other checkouts share). Every module writes the file; training-service, built last, wins.
./mvnw -B -q $flags package dependency:build-classpath -DskipTests -Dspotless.check.skip=true -Djib.skip=true \
  -pl training-service -am -Dmdep.includeScope=runtime -Dmdep.outputFile="$work/classpath"
java -cp "training-service/target/classes:$(cat "$work/classpath")" -Djava.io.tmpdir="$work" \
  com.example.credit.training.cli.TrainCommand \
  --data "$fixture" --model-dir "$work/model"

rm -rf "$bundle/model" "$bundle/data_test" "$bundle/label_test"
mkdir -p "$bundle/model" "$bundle/data_test" "$bundle/label_test"
# The whole model directory: model.txt, model.json, the schemas and the reference populations (*.jsonl).
cp "$work/model/"* "$bundle/model/"
# The held-out split as one part each, in the order of the fixture's parts (Spark's part-* names sort).
cat "$fixture"/data_test/part-* > "$bundle/data_test/part-00000.json"
cat "$fixture"/label_test/part-* > "$bundle/label_test/part-00000.json"

./mvnw -B -q $flags -pl credit-test-support test-compile dependency:build-classpath -Dspotless.check.skip=true \
  -Dmdep.includeScope=test -Dmdep.outputFile="$work/test-classpath"
java -cp "credit-test-support/target/test-classes:credit-test-support/target/classes:$(cat "$work/test-classpath")" \
  -Djava.io.tmpdir="$work" com.example.credit.testsupport.golden.GoldenBundleWriter "$root/$bundle"
du -sh "$bundle"
