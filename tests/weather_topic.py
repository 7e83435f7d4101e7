"""Reads the weather topics with an independent client (kafka-python, protobuf for Python), to
check from outside what the Java notebooks wrote."""
import subprocess
import sys

from kafka import KafkaConsumer, TopicPartition

from streamlab_testing import REPO

def report_module(workdir):
    """The Python class of proto/report.proto, compiled with protoc into `workdir`."""
    subprocess.run(["protoc", f"-I{REPO / 'proto'}", f"--python_out={workdir}", str(REPO / "proto" / "report.proto")],
                   check=True)
    sys.path.insert(0, str(workdir))
    import report_pb2
    return report_pb2


def read_partitions(topic, decode, bootstrap, partitions=range(6)):
    """Every record of the topic's partitions up to their current end: {partition: [(offset, value)]}."""
    consumer = KafkaConsumer(bootstrap_servers=[bootstrap], enable_auto_commit=False, consumer_timeout_ms=5000)
    try:
        topic_partitions = [TopicPartition(topic, partition) for partition in partitions]
        consumer.assign(topic_partitions)
        consumer.seek_to_beginning(*topic_partitions)
        ends = consumer.end_offsets(topic_partitions)
        records = {partition.partition: [] for partition in topic_partitions}
        remaining = {partition for partition in topic_partitions if ends[partition] > 0}
        while remaining:
            batch = consumer.poll(timeout_ms=5000)
            assert batch, f"no records from {topic} within 5 s; still missing {sorted(p.partition for p in remaining)}"
            for partition, messages in batch.items():
                for message in messages:
                    if message.offset < ends[partition]:
                        records[partition.partition].append((message.offset, decode(message.value)))
                if consumer.position(partition) >= ends[partition]:
                    remaining.discard(partition)
        return records
    finally:
        consumer.close()
