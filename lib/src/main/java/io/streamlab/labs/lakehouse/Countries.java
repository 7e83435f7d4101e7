package io.streamlab.labs.lakehouse;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/** The seed's countries dataset: the names of the country ids the messages carry (2000 to 2015). */
public final class Countries {

    public static final List<String> NAMES = List.of("Brazil", "Portugal", "Spain", "Germany", "France", "Italy",
            "United Kingdom", "United States", "Canada", "Australia", "Japan", "China", "India", "South Korea",
            "Russia", "Argentina");

    private Countries() {
    }

    /** A small static table {@code country_id INT, country STRING}, one row per country. */
    public static Dataset<Row> table(SparkSession spark) {
        List<Row> rows = new java.util.ArrayList<>();
        for (int i = 0; i < NAMES.size(); i++) {
            rows.add(RowFactory.create(MessageEvents.FIRST_COUNTRY + i, NAMES.get(i)));
        }
        return spark.createDataFrame(rows, StructType.fromDDL("country_id INT, country STRING"));
    }
}
