#!/usr/bin/env bash
# ./streamlab test: installs what is missing, builds, starts what the tests need, runs every suite,
# and stops what it started — also when a suite fails or the run is interrupted.
# ./streamlab test --quick: the inner loop — the formatter's check, the unit tests of every Maven module
# (tests tagged kafka or cluster are left out: the pom's quick profile) and the Python tests marked
# `unit` (pytest.ini), without services, kernel or notebooks.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$STREAMLAB_HOME"

quick=no
case "${1:-}" in
  --quick) quick=yes ;;
  "") ;;
  *) die "unknown option '$1' — ./streamlab test [--quick]" ;;
esac

started_at=$(date +%s)
JAVA_HOME="$(dirname "$(dirname "$(find_java)")")"; export JAVA_HOME

failed_suites=()
run_suite() {
  local name="$1"; shift
  say "Suite: $name"
  if "$@"; then say "Suite $name passed"; else warn "suite $name FAILED"; failed_suites+=("$name"); fi
}

finish() {
  say "Tests took $(( $(date +%s) - started_at )) s"
  if [ "${#failed_suites[@]}" -gt 0 ]; then
    die "failed suites: ${failed_suites[*]}"
  fi
  say "All suites passed"
}

if [ "$quick" = yes ]; then
  scripts/install.sh --for-unit-tests
  run_suite format mvn -B -ntp -q spotless:check
  run_suite java-unit mvn -B -ntp -Pquick verify
  # Only the modules of unit tests are collected: the others import clients the quick lane does not install.
  run_suite python-unit "$PYTHON" -m pytest -q -m unit -p no:cacheprovider $(grep -rl "pytest.mark.unit" tests --include="test_*.py")
  finish
  exit 0
fi
scripts/install.sh --for-tests
scripts/build.sh
./streamlab kernel

if [ -f tests/browser/package.json ]; then
  say "Installing the browser test's npm packages"
  (cd tests/browser && npm ci --no-audit --no-fund --silent)
fi

# Tests need Kafka, HDFS and Spark standalone. A cluster that already runs is used as it is, and
# only what this run adds to it is stopped afterwards.
stop_afterwards=()
stop_what_we_started() {
  if [ "${#stop_afterwards[@]}" -gt 0 ]; then ./streamlab cluster stop "${stop_afterwards[@]}" || true; fi
}
trap stop_what_we_started EXIT
trap 'exit 130' INT TERM

if ./streamlab cluster status >/dev/null 2>&1; then
  say "Using the cluster that is already running"
  ./streamlab cluster check spark-master >/dev/null 2>&1 || stop_afterwards=(spark-worker spark-master)
else
  stop_afterwards=(spark-worker spark-master datanode namenode kafka)
fi
./streamlab cluster start --spark
# The kernel's executor tests need a standalone master; the notebooks keep local[2] unless told.
export STREAMLAB_TEST_SPARK_MASTER="spark://localhost:${STREAMLAB_SPARK_MASTER_PORT:-7077}"

run_suite format mvn -B -ntp -q spotless:check
run_suite java mvn -B -ntp verify
# -rs: a skipped lane (the docker one without root) says why in the summary.
run_suite python "$PYTHON" -m pytest -v -rs -p no:cacheprovider tests

finish
