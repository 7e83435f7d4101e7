"""The course's common mistakes in kafka.ipynb, each put into a copy of the solution: the checker
must take exactly the point the mistake costs, with a hint that names it. To keep the suite short,
each run carries two mistakes that cost different points (one of the producer's, one of the
consumer's); every other criterion must keep its point."""
import pytest

from checker_runs import check, lost, mutated

NO_DATE_RULE = ("""    if (report.getDate().compareTo(station.get("end").asText()) <= 0) {
        return false;   // a duplicate: this station's stats already count this date
    }
""", "")

RAINING_AS_BOOLEAN = ('.put("raining", report.raining() ? 1 : 0)', '.put("raining", report.raining())')

NO_KEY = [('new ProducerRecord<>("stations", key, protobuf)', 'new ProducerRecord<>("stations", protobuf)'),
          ('new ProducerRecord<>("stations-json", key, text)', 'new ProducerRecord<>("stations-json", text)')]

# Single lines only, so the solution regions' marker lines between them do not matter.
OFFSETS_ONLY_AT_THE_END = [
    ("save(snapshot, consumer.position(partition));",
     'save(snapshot, snapshot.get("offset").asLong());   // the counts now, the offset at the end'),
    ("for (int i = 0; i < iterations; i++) {", """for (int i = 0; i <= iterations; i++) {
            if (i == iterations) {   // the offsets, only once the polls are done
                for (var entry : partitions.entrySet()) {
                    save(entry.getValue(), consumer.position(entry.getKey()));
                }
                break;
            }"""),
]

THREE_PARTITIONS = ("""topics.recreate();
""", """topics.delete();
try (var admin = org.apache.kafka.clients.admin.Admin.create(
        Map.<String, Object>of("bootstrap.servers", Endpoints.current().kafkaBootstrapServers()))) {
    admin.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic("stations", 3, (short) 1),
                               new org.apache.kafka.clients.admin.NewTopic("stations-json", 3, (short) 1))).all().get();
}
""")

OFFSETS_IN_ANOTHER_FILE = [
    ("void save(ObjectNode snapshot, long offset) throws IOException {\n", """Path offsetFile(int partition) {
    return settings.snapshotDirectory().resolve("offset-" + partition + ".txt");
}

long savedOffset(int partition) {
    try {
        return Files.exists(offsetFile(partition)) ? Long.parseLong(Files.readString(offsetFile(partition)).trim()) : 0;
    } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
    }
}

void save(ObjectNode snapshot, long offset) throws IOException {
"""),
    ('    snapshot.put("offset", offset);', '    Files.writeString(offsetFile(snapshot.get("partition").asInt()), Long.toString(offset));'),
    ('consumer.seek(partition, snapshot.get("offset").asLong())', 'consumer.seek(partition, savedOffset(partition.partition()))'),
]

ACKS_ONE = [('producerSettings.put(ProducerConfig.ACKS_CONFIG, "all");', 'producerSettings.put(ProducerConfig.ACKS_CONFIG, "1");'),
            # the idempotent producer refuses acks=1
            ('producerSettings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);',
             'producerSettings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);')]

WRITTEN_IN_PLACE = ('new AtomicFile(partitionFile(snapshot.get("partition").asInt())).write(text);',
                    'Files.write(partitionFile(snapshot.get("partition").asInt()), text);')

CASES = {
    "raining-true-false+no-date-rule": (
        [RAINING_AS_BOOLEAN, NO_DATE_RULE],
        {"kafka.producer-format": ["raining is ", "1 for rain and 0"],
         "kafka.consumer-exactly-once": ["counted twice", "date rule"]}),
    "no-key+offsets-only-at-the-end": (
        [*NO_KEY, *OFFSETS_ONLY_AT_THE_END],
        {"kafka.producer-format": ["no key", "station's name as the key"],
         "kafka.consumer-exactly-once": ["offset is saved only at the end"]}),
    "three-partitions+offsets-in-another-file": (
        [THREE_PARTITIONS, *OFFSETS_IN_ANOTHER_FILE],
        {"kafka.producer-format": ["has 3 partitions, not 6"],
         "kafka.consumer-exactly-once": ["different files", "offset-"]}),
    "acks-1+written-in-place": (
        [*ACKS_ONE, WRITTEN_IN_PLACE],
        {"kafka.producer-exactly-once": ["acks=1", "set acks to all"],
         "kafka.consumer-exactly-once": ["rename it over"]}),
}


@pytest.mark.parametrize("case", CASES)
def test_each_mistake_costs_its_point_with_a_hint_naming_it(case, tmp_path):
    replacements, expected = CASES[case]
    checked = check(mutated("kafka", replacements, tmp_path / "notebook"))
    failure = checked.execution.failure
    if case.startswith("three-partitions"):
        # the last cell prints partition-0..5.json: with 3 partitions there is no partition-3.json
        assert failure and "partition-3.json" in failure.evalue, failure
    else:
        assert failure is None, failure
    hints = lost(checked)
    assert set(hints) == set(expected), "\n".join(f"{key}: {hint}" for key, hint in hints.items())
    for key, words in expected.items():
        for word in words:
            assert word in hints[key], (key, hints[key])
    assert checked.earned == checked.possible - len(expected)
