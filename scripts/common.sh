# Shared by ./streamlab and the scripts beside this file: where things are, and how to say things.
# Sourced, not run.

STREAMLAB_HOME="${STREAMLAB_HOME:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
export STREAMLAB_HOME
STREAMLAB_STATE="${STREAMLAB_STATE:-$STREAMLAB_HOME/.streamlab}"
export STREAMLAB_STATE
# The version is written once, in pom.xml (the jars are named after it): the first <version> there is the project's.
# Empty where there is no pom.xml yet: the image's first layer runs install.sh before it copies the poms.
STREAMLAB_VERSION=""
if [ -f "$STREAMLAB_HOME/pom.xml" ]; then
  STREAMLAB_VERSION="$(sed -n '/^  <version>/{s|^  <version>\(.*\)</version>$|\1|p;q}' "$STREAMLAB_HOME/pom.xml")"
fi
# The scripts' own files (build stamp, Jupyter's pid): the cluster owns STREAMLAB_STATE alone.
SCRIPTS_STATE="$STREAMLAB_HOME/target"

# Debian's Jupyter; the python3 first on PATH may be another interpreter without its packages.
JUPYTER=/usr/bin/jupyter
PYTHON=/usr/bin/python3
export PYDEVD_DISABLE_FILE_VALIDATION=1

JUPYTER_PORT="${STREAMLAB_JUPYTER_PORT:-5000}"
# Loopback only, except inside a container, where the published port is bound to loopback instead.
JUPYTER_IP="${STREAMLAB_JUPYTER_IP:-127.0.0.1}"

say()  { printf '\033[1m==>\033[0m %s\n' "$*"; }
warn() { printf 'streamlab: %s\n' "$*" >&2; }
die()  { warn "$*"; exit 1; }

# The classpath of a module's JVM: its jar and the runtime dependencies Maven copied beside it.
module_classpath() {
  local module_dir="$STREAMLAB_HOME/$1" artifact="$2"
  local jar="$module_dir/target/$artifact-$STREAMLAB_VERSION.jar"
  [ -f "$jar" ] || die "$jar is missing — build first with ./streamlab build"
  printf '%s:%s/target/lib/*' "$jar" "$module_dir"
}

java_major_version() {
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'
}

# The java every Streamlab JVM uses. Spark 3.5 is built and verified for Java 17, so a 17 is preferred
# (JAVA_HOME's, the one on PATH, then Debian's); a newer one is used with a warning, an older one refused.
find_java() {
  local candidate major fallback=""
  for candidate in "${JAVA_HOME:+$JAVA_HOME/bin/java}" "$(command -v java || true)" /usr/lib/jvm/java-17-openjdk-*/bin/java; do
    [ -n "$candidate" ] && [ -x "$candidate" ] || continue
    candidate="$(readlink -f "$candidate")"
    major="$(java_major_version "$candidate")"; major="${major%%.*}"
    if [ "$major" = 17 ]; then printf '%s' "$candidate"; return; fi
    if [ "${major:-0}" -gt 17 ] && [ -z "$fallback" ]; then fallback="$candidate"; fi
  done
  [ -n "$fallback" ] || die "Java 17 is missing or too old — install it (Debian: apt-get install openjdk-17-jdk-headless) or set JAVA_HOME to a JDK 17"
  warn "using $fallback, which is newer than Java 17; Spark 3.5 is only verified on 17"
  printf '%s' "$fallback"
}
