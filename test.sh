#!/usr/bin/env bash
# The test command of the README: installs what the tests need when it is missing (Debian's chromium and
# chromium-driver for the browser tests; a container engine, see scripts/container-engine.sh), then runs the
# whole build with every test (unit, Spark local, S3-compatible server, LightGBM, HTTP, headless browser, and
# the container tests on the images this build makes), then checks the CDK app's templates with the real CDK CLI.
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
  echo "test.sh: installing Debian's chromium and chromium-driver for the browser tests" >&2
  if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium chromium-driver >/dev/null
fi

# A container engine (Docker where one answers, else podman's Docker API) and the local JRE base image (built
# once per machine). The API service is stopped at the end only if this run started it.
scripts/container-engine.sh start
set -a
# shellcheck disable=SC1091
. "${CREDIT_CONTAINER_STATE:-/tmp/credit-containers}/engine.env"
set +a
# At the end: the images this run loaded go (the base stays cached), and the API service if this run started it.
if [ -n "${CREDIT_CONTAINER_SERVICE_PID:-}" ]; then
  trap 'scripts/container-engine.sh prune; scripts/container-engine.sh stop' EXIT
else
  trap 'scripts/container-engine.sh prune' EXIT
fi

export SPARK_LOCAL_IP=127.0.0.1
./mvnw -B verify -Dimage.local.base="$CREDIT_CONTAINER_BASE" "$@"

# The synthesized CloudFormation is also checked by the real CDK CLI (from the npm registry).
infra/scripts/cdk-synth-check.sh
