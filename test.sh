#!/usr/bin/env bash
# The test command of the README: installs what the browser tests need when it is missing, then runs the
# whole build with every test (unit, Spark local, S3-compatible server, LightGBM, HTTP, headless browser),
# then checks the CDK app's templates with the real CDK CLI.
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
  echo "test.sh: installing Debian's chromium and chromium-driver for the browser tests" >&2
  if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium chromium-driver >/dev/null
fi

export SPARK_LOCAL_IP=127.0.0.1
./mvnw -B verify "$@"

# The synthesized CloudFormation is also checked by the real CDK CLI (from the npm registry).
infra/scripts/cdk-synth-check.sh
