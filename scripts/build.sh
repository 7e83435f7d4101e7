#!/usr/bin/env bash
# Builds every module with Maven (tests run separately, against the cluster, in ./streamlab test).
# Used by ./streamlab and by the Dockerfile. Skips the build when no source changed since the last one.
#
#   scripts/build.sh                 build if a source changed since the last build
#   scripts/build.sh --force         build anyway
#   scripts/build.sh --dependencies  download every dependency and plugin the build needs, from the
#                                    poms alone (the Dockerfile's cached layer), and build nothing
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$STREAMLAB_HOME"

stamp="$SCRIPTS_STATE/build.stamp"
sources_changed() {
  [ -f "$stamp" ] || return 0
  # -newer inside the second branch: `-newer X \( -prune \) -o -print` would print every file.
  [ -n "$(find pom.xml proto jvm lib cluster kernel \( -name target -prune \) \
          -o \( -type f -newer "$stamp" -print -quit \))" ]
}

if [ "${1:-}" = "--dependencies" ]; then
  say "Downloading the build's dependencies (about 470 MB)"
  # The package phase on poms without sources resolves what a real build resolves (test scope and
  # plugins included) with nothing to compile; copying the runtime jars would only fill a layer.
  JAVA_HOME="$(dirname "$(dirname "$(find_java)")")" mvn -B -q -DskipTests -Dmdep.skip=true package
  exit 0
fi
if [ "${1:-}" != "--force" ] && ! sources_changed; then
  exit 0
fi
say "Building with Maven (the first build downloads about 400 MB of dependencies)"
# Copied runtime classpaths are rebuilt whole, so a jar dropped from the build leaves no stale copy.
find . -path '*/target/lib' -type d -prune -exec rm -rf {} +
mkdir -p "$SCRIPTS_STATE"
# Stamped before building, so a file edited during the build counts as changed next time.
touch "$stamp.next"
JAVA_HOME="$(dirname "$(dirname "$(find_java)")")" mvn -B -q -DskipTests package
mv "$stamp.next" "$stamp"
