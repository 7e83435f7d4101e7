#!/usr/bin/env bash
# Installs what Streamlab needs from the system's package manager. Used by ./streamlab and by the
# Dockerfile, so the image is built by the same steps CI runs.
#
#   scripts/install.sh              what running the labs needs (JDK, Maven, Jupyter)
#   scripts/install.sh --for-tests  plus what the tests need (pytest, compose parser, Chromium, …)
#   scripts/install.sh --for-unit-tests  plus pytest only (./streamlab test --quick)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

runtime_packages=(openjdk-17-jdk-headless maven jupyter-notebook jupyter-nbconvert python3-nbclient jupyter-client procps)
# docker-compose parses the compose file and brings it up in tests (v1: bookworm has no compose v2);
# chromium drives Jupyter like a user; nodejs and npm run the browser test; python3-kafka,
# python3-protobuf and protobuf-compiler run the seed's Python code in the benchmarks;
# python3-jupyter-kernel-test is Jupyter's kernel conformance suite.
test_packages=(python3-pytest docker-compose chromium nodejs npm python3-kafka python3-protobuf protobuf-compiler
               python3-jupyter-kernel-test)

# The docker lane's engine (tests/docker): dockerd with its iptables NAT, and mmdebstrap to make the
# debian:bookworm base image where no image registry answers. Only root can run dockerd, so only
# root installs them; for anyone else the lane reports itself skipped and says why.
engine_packages=(docker.io iptables mmdebstrap)

packages=("${runtime_packages[@]}")
case "${1:-}" in
  --for-tests)
    packages+=("${test_packages[@]}")
    [ "$(id -u)" = 0 ] && packages+=("${engine_packages[@]}") ;;
  --for-unit-tests) packages+=(python3-pytest) ;;
  "") ;;
  *) die "unknown option '$1' — scripts/install.sh [--for-tests | --for-unit-tests]" ;;
esac

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
# A JDK or Node from elsewhere (SDKMAN, a tarball) is as good as Debian's.
if command -v javac >/dev/null && [ "$(java_major_version "$(readlink -f "$(command -v java)")")" = 17 ]; then
  missing=("${missing[@]/openjdk-17-jdk-headless}")
fi
if command -v node >/dev/null && command -v npm >/dev/null; then
  missing=("${missing[@]/nodejs}"); missing=("${missing[@]/npm}")
fi
command -v mvn >/dev/null && missing=("${missing[@]/maven}")
read -r -a missing <<< "${missing[*]}"

if [ "${#missing[@]}" -gt 0 ]; then
  command="apt-get update && apt-get install -y --no-install-recommends ${missing[*]}"
  if [ "$(id -u)" != 0 ]; then
    die "missing system packages; run as root, then try again:  sudo sh -c '$command'"
  fi
  say "Installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  # Wait for another apt run to finish rather than failing on its lock.
  apt-get -o DPkg::Lock::Timeout=300 update -qq
  apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
find_java >/dev/null
