#!/usr/bin/env bash
# Synthesizes every stack with the real AWS CDK CLI (from npm) against the compiled app, with a dummy account and
# region: without the endpoint, with it (default scaling and alarms), and with every endpoint option on (2 to 6
# instances, data capture, alarm mail); fails on any synthesis error, including cdk-nag errors.
# Needs: the infra module built (./mvnw -B -pl infra package, or the whole reactor), Node.js and npm. No AWS
# credentials: nothing is looked up or deployed.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -f target/classpath.txt ] || [ ! -d target/classes/com/example/credit/infra ]; then
  echo "cdk-synth-check: infra is not built; run ./mvnw -B -pl infra package (or the whole build) first" >&2
  exit 1
fi

export CDK_DEFAULT_ACCOUNT=123456789012
export CDK_DEFAULT_REGION=eu-west-1
cdk=(npx --yes aws-cdk@2)
# The jsii runtime warns about Node versions it will stop supporting; the check is about the templates.
export JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION=1

# name: context settings (key=value, space-separated)
variants=(
  "endpoint-false:endpoint=false"
  "endpoint-true:endpoint=true"
  "endpoint-all-options:endpoint=true endpointInstanceCount=2 endpointMaxInstances=6 dataCapture=true dataCaptureSamplePercent=25 alarmEmail=ops@example.com"
)
for variant in "${variants[@]}"; do
  name="${variant%%:*}"
  contexts=()
  for setting in ${variant#*:}; do contexts+=(--context "$setting"); done
  out="target/cdk.out/${name}"
  rm -rf "$out"
  echo "cdk-synth-check: cdk synth (${variant#*:}) into infra/${out}" >&2
  # synth builds every stack of the app (this CLI takes no --all for synth); --strict fails on warnings too.
  "${cdk[@]}" synth --quiet --strict --no-notices --no-version-reporting "${contexts[@]}" --output "$out"
  for stack in CreditData CreditEtl CreditModel CreditOperator; do
    if [ ! -s "$out/${stack}.template.json" ]; then
      echo "cdk-synth-check: ${stack}.template.json is missing in infra/${out}" >&2
      exit 1
    fi
  done
done
echo "cdk-synth-check: all stacks synthesized with the CDK CLI" >&2
