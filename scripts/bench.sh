#!/usr/bin/env bash
# ./streamlab bench: the Java notebooks against the seed's Python code on the same broker. Installs and
# builds what is missing, uses the running cluster or starts Kafka + HDFS (and stops only what it
# started), then runs bench/streamlab_bench.py, which prints the table and writes bench/RESULTS.md.
#
#   ./streamlab bench [--runs N] [--smoke] [--only producer,consumer,kernel,spark,e2e]
#   ./streamlab bench --long [--minutes N] [--producer-pause-ms MS]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$STREAMLAB_HOME"

JAVA_HOME="$(dirname "$(dirname "$(find_java)")")"; export JAVA_HOME
# python3-kafka, python3-protobuf and protoc run the seed's Python code.
scripts/install.sh --for-tests
scripts/build.sh
./streamlab kernel

# Only the services this run starts are stopped afterwards; a cluster that runs stays running.
stop_afterwards=()
stop_what_we_started() {
  if [ "${#stop_afterwards[@]}" -gt 0 ]; then ./streamlab cluster stop "${stop_afterwards[@]}" || true; fi
}
trap stop_what_we_started EXIT
trap 'exit 130' INT TERM

for service in datanode namenode kafka; do
  ./streamlab cluster check "$service" >/dev/null 2>&1 || stop_afterwards+=("$service")
done
if [ "${#stop_afterwards[@]}" -eq 0 ]; then
  say "Using the cluster that is already running"
else
  ./streamlab cluster start
fi

# python/ holds streamlab_support, which the bench shares with the tests.
PYTHONPATH="$STREAMLAB_HOME/python:$STREAMLAB_HOME/bench/python${PYTHONPATH:+:$PYTHONPATH}" "$PYTHON" bench/streamlab_bench.py "$@"
