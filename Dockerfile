# One image for every service of the cluster (Kafka, HDFS, Spark, Jupyter), like the course's.
# Its steps are the scripts ./streamlab runs on a bare machine, so CI tests them without Docker.
FROM debian:bookworm

ENV DEBIAN_FRONTEND=noninteractive LANG=C.UTF-8
WORKDIR /streamlab

# Prerequisites first, from the install script alone: this layer stays cached while the code changes.
COPY scripts/ scripts/
RUN scripts/install.sh && rm -rf /var/lib/apt/lists/*

# The build resolves every Maven dependency now; containers download nothing at run time.
COPY . .
RUN scripts/build.sh --force && ./streamlab kernel

# Inside a container every service listens on all interfaces; compose publishes only Jupyter, on loopback.
ENV STREAMLAB_BIND_HOST=0.0.0.0 STREAMLAB_JUPYTER_IP=0.0.0.0
CMD ["./streamlab", "help"]
