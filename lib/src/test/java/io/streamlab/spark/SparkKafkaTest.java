package io.streamlab.spark;

import io.streamlab.config.Endpoints;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.streamlab.spark.TestSpark.report;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Against the broker of {@link Endpoints#current()} ({@code ./streamlab up}); private topics, deleted afterwards. */
@Tag("kafka")
class SparkKafkaTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final String servers = Endpoints.current().kafkaBootstrapServers();
    private final String topic = "streamlab-spark-test-" + UUID.randomUUID();

    @Test
    void topicCheckSaysMissingThenEmptyThenCounts() throws Exception {
        IllegalStateException missing = assertThrows(IllegalStateException.class,
                () -> TopicCheck.requireData(topic, servers, TIMEOUT));
        assertEquals("topic " + topic + " does not exist — run kafka.ipynb Part 1 first", missing.getMessage());

        try (Admin admin = Admin.create(Map.of("bootstrap.servers", servers))) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
            try {
                IllegalStateException empty = assertThrows(IllegalStateException.class,
                        () -> TopicCheck.requireData(topic, servers, TIMEOUT));
                assertTrue(empty.getMessage().startsWith("topic " + topic + " is empty"), empty.getMessage());

                send(List.of(report("A", "2000-01-01", 1, 0), report("B", "2000-01-01", 2, 1), "{broken"));

                TopicCheck.TopicData data = TopicCheck.requireData(topic, servers, TIMEOUT);
                assertEquals(3, data.partitions());
                assertEquals(3, data.messages());
            } finally {
                admin.deleteTopics(List.of(topic)).all().get();
            }
        }
    }

    @Test
    void theKafkaStreamParsesIntoWeatherRowsAndForecastRows() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", servers))) {
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();
            StreamingQuery query = null;
            try {
                LocalDate day = LocalDate.of(2000, 1, 1);
                List<String> reports = new java.util.ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    reports.add(report("A", day.plusDays(i).toString(), 40 + i, i % 2));
                }
                reports.add("not json");
                send(reports);

                Dataset<Row> weather = WeatherStream.parse(WeatherStream.kafkaRows(TestSpark.session(),
                        Endpoints.current(), topic));
                query = RainForecast.trainingRows(weather).writeStream().format("memory")
                        .queryName("kafka_forecast_test").trigger(Trigger.AvailableNow()).start();
                assertTrue(query.awaitTermination(Duration.ofMinutes(2).toMillis()), "query did not finish");
                StreamingQuery finished = query;
                assertTrue(finished.exception().isEmpty(), () -> finished.exception().get().toString());

                List<Row> rows = TestSpark.session().table("kafka_forecast_test").orderBy("date").collectAsList();
                assertEquals(3, rows.size(), rows.toString());          // days 3, 4, 5 have two previous days
                Row jan3 = rows.get(0);
                assertEquals(java.sql.Date.valueOf("2000-01-03"), jan3.getDate(1));
                assertEquals(0, jan3.getInt(2));                          // raining on 01-03
                assertEquals(41.0f, jan3.getFloat(4));                    // 01-02
                assertEquals(40.0f, jan3.getFloat(6));                    // 01-01
            } finally {
                if (query != null) {
                    query.stop();
                }
                admin.deleteTopics(List.of(topic)).all().get();
            }
        }
    }

    private void send(List<String> values) throws Exception {
        try (Producer<String, String> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", servers, "acks", "all"), new StringSerializer(), new StringSerializer())) {
            for (String value : values) {
                producer.send(new ProducerRecord<>(topic, value)).get();
            }
        }
    }
}
