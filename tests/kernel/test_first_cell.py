"""Everything the notebooks use is importable in the very first cell of a fresh kernel."""
import textwrap


def test_first_cell_imports_lib_spark_kafka_protobuf_and_tablesaw(kernel):
    r = kernel.execute(textwrap.dedent("""\
        import io.streamlab.config.Endpoints;
        import io.streamlab.weather.proto.Report;
        import org.apache.spark.sql.SparkSession;
        import org.apache.kafka.clients.producer.KafkaProducer;
        import com.google.protobuf.InvalidProtocolBufferException;
        import tech.tablesaw.api.Table;
        import org.knowm.xchart.XYChart;
        Report r = Report.newBuilder().setStation("A").setDegrees(21.5).build();
        Report.parseFrom(r.toByteArray()).getStation() + " " + Endpoints.current().kafkaBootstrapServers()"""),
        timeout=120)
    assert r.status == "ok", r.error
    assert r.text.startswith("A ")
    assert r.reply["content"]["execution_count"] == 1
