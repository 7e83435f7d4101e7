package io.streamlab.labs.variance;

import io.streamlab.labs.LabTestSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class GlobalVarianceTest {

    static Dataset<Row> kafkaRows(String... lines) {
        List<Row> rows = new ArrayList<>();
        for (String line : lines) {
            rows.add(RowFactory.create((Object) line.getBytes(StandardCharsets.UTF_8)));
        }
        return LabTestSpark.session().createDataFrame(rows, StructType.fromDDL("value BINARY"));
    }

    @Test
    void theSeedsExample() {
        // The seed's docstring: ('sum_x_square:', 182.0, 'sum_x:', 42.0, 'n:', 12.0, 'var:', 2.916666666666666)
        Dataset<Row> variance = GlobalVariance.of(GlobalVariance.integers(kafkaRows("1 2 3 4 5 6", "1 2 3 4 5 6")));
        assertArrayEquals(new String[] {"sum_x_square", "sum_x", "n", "var"}, variance.columns());
        Row row = variance.collectAsList().get(0);
        assertEquals(182L, row.getLong(0));
        assertEquals(42L, row.getLong(1));
        assertEquals(12L, row.getLong(2));
        assertEquals(2.9166666666666665, row.getDouble(3), 1e-12);
    }

    @Test
    void dropsWhatIsNotAnIntegerAndShowsIt() {
        Dataset<Row> rows = kafkaRows(" 2  4 ", "x 4", "");
        Row row = GlobalVariance.of(GlobalVariance.integers(rows)).collectAsList().get(0);
        assertEquals(3L, row.getLong(2));
        assertEquals(GlobalVariance.variance(new long[] {2, 4, 4}), row.getDouble(3), 1e-12);
        List<Row> rejected = GlobalVariance.rejected(rows).collectAsList();
        assertEquals(1, rejected.size());
        assertEquals("x", rejected.get(0).getString(1));
    }

    @Test
    void theFormulaAtHand() {
        assertEquals(2.0, GlobalVariance.variance(new long[] {1, 2, 3, 4, 5}), 1e-12);
        assertEquals(0.0, GlobalVariance.variance(new long[] {7}), 1e-12);
    }
}
