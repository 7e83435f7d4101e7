#!/usr/bin/env bash
# Makes the Dockerfile's base image, debian:bookworm, when no image registry can be reached
# (air-gapped or proxied networks): bootstraps a minimal Debian from this machine's own apt sources
# with mmdebstrap and imports it into Docker. Needs root, docker and mmdebstrap.
#
#   docker/base-image.sh [SOURCES_FILE]   default: the host's bookworm sources under /etc/apt
set -euo pipefail

image=debian:bookworm
if docker image inspect "$image" >/dev/null 2>&1; then
  echo "$image is there already"
  exit 0
fi

sources="${1:-}"
if [ -z "$sources" ]; then
  # The host's own sources file that names bookworm; no mirror is written here.
  for candidate in /etc/apt/sources.list.d/*.sources /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    if [ -f "$candidate" ] && grep -Eq '^[^#]*bookworm' "$candidate"; then sources="$candidate"; break; fi
  done
fi
[ -n "$sources" ] && [ -f "$sources" ] || {
  echo "base-image.sh: no apt sources file for bookworm found in /etc/apt — pass one: docker/base-image.sh FILE" >&2
  exit 1
}
command -v mmdebstrap >/dev/null || {
  echo "base-image.sh: mmdebstrap is missing — apt-get install mmdebstrap" >&2
  exit 1
}

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
echo "Bootstrapping $image from $sources"
mmdebstrap --quiet --variant=minbase bookworm "$work/rootfs.tar" "$sources"
docker import --change 'CMD ["bash"]' "$work/rootfs.tar" "$image" >/dev/null
echo "Imported $image ($(docker image inspect -f '{{.Size}}' "$image") bytes)"
