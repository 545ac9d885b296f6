#!/usr/bin/env bash
# Prints the project version: the <revision> property of the root pom.xml, the one place it is written.
# Scripts use it to name built jars: jar=explainer-service/target/explainer-service-$(scripts/project-version.sh).jar
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(sed -n 's:^ *<revision>\(.*\)</revision>.*:\1:p' pom.xml | head -n1)
if [ -z "$version" ]; then
  echo "project-version.sh: no <revision> property in $(pwd)/pom.xml" >&2
  exit 1
fi
echo "$version"
