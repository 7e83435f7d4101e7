# One image for every service of the cluster (Kafka, HDFS, Spark, Jupyter), like the course's.
# Its steps are the scripts ./streamlab runs on a bare machine; tests/docker builds and runs it.
# Layers go from what changes least to what changes most, so a code change rebuilds only the last.
FROM debian:bookworm

ENV DEBIAN_FRONTEND=noninteractive LANG=C.UTF-8
WORKDIR /streamlab

# Certificate authorities of a TLS-inspecting proxy (docker/ca-certificates/README.md; none by
# default), trusted before anything downloads: installing the JDK fills its cacerts from them.
COPY docker/ca-certificates/ /usr/local/share/ca-certificates/

# Prerequisites, from the install script alone: this layer stays cached while the code changes.
COPY scripts/common.sh scripts/install.sh scripts/
RUN scripts/install.sh && rm -rf /var/lib/apt/lists/*

# Every Maven dependency and plugin (about 470 MB), keyed on the poms alone: a code change does
# not download them again.
COPY pom.xml ./
COPY .mvn/ .mvn/
COPY proto/ proto/
COPY lib/pom.xml lib/
COPY kernel/pom.xml kernel/
COPY cluster/pom.xml cluster/
COPY cluster/launcher/pom.xml cluster/launcher/
COPY cluster/kafka-runtime/pom.xml cluster/kafka-runtime/
COPY cluster/hdfs-runtime/pom.xml cluster/hdfs-runtime/
COPY scripts/build.sh scripts/
RUN scripts/build.sh --dependencies

# The code; containers download nothing at run time.
COPY . .
RUN scripts/build.sh --force && ./streamlab kernel

# Inside a container every service listens on all interfaces; compose publishes ports on loopback only.
ENV STREAMLAB_BIND_HOST=0.0.0.0 STREAMLAB_JUPYTER_IP=0.0.0.0
CMD ["./streamlab", "help"]
