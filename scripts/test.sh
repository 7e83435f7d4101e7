#!/usr/bin/env bash
# ./streamlab test: installs what is missing, builds, starts what the tests need, runs every suite,
# and stops what it started — also when a suite fails or the run is interrupted.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$STREAMLAB_HOME"

started_at=$(date +%s)
JAVA_HOME="$(dirname "$(dirname "$(find_java)")")"; export JAVA_HOME
scripts/install.sh --for-tests
scripts/build.sh
./streamlab kernel

if [ -f tests/browser/package.json ]; then
  say "Installing the browser test's npm packages"
  (cd tests/browser && npm ci --no-audit --no-fund --silent)
fi

cluster_started_here=no
stop_what_we_started() {
  if [ "$cluster_started_here" = yes ]; then ./streamlab cluster stop || true; fi
}
trap stop_what_we_started EXIT
trap 'exit 130' INT TERM

if ./streamlab cluster status >/dev/null 2>&1; then
  say "Using the cluster that is already running"
else
  cluster_started_here=yes
  ./streamlab cluster start --spark
fi

failed_suites=()
run_suite() {
  local name="$1"; shift
  say "Suite: $name"
  if "$@"; then say "Suite $name passed"; else warn "suite $name FAILED"; failed_suites+=("$name"); fi
}

run_suite java mvn -B verify
run_suite python "$PYTHON" -m pytest -v -p no:cacheprovider tests

say "Tests took $(( $(date +%s) - started_at )) s"
if [ "${#failed_suites[@]}" -gt 0 ]; then
  die "failed suites: ${failed_suites[*]}"
fi
say "All suites passed"
