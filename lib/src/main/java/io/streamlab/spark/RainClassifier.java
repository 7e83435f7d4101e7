package io.streamlab.spark;

import org.apache.spark.ml.classification.DecisionTreeClassificationModel;
import org.apache.spark.ml.classification.DecisionTreeClassifier;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.List;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;

/**
 * The seed's Part 4 model: a decision tree that predicts {@code raining} from the month and the two
 * previous days' weather, and the measures it is judged by.
 */
public final class RainClassifier {

    /** The assembled feature vector; {@code features} is the name Spark ML estimators look for by default. */
    public static final String VECTOR_COLUMN = "features";

    /** Fixed, so re-running the notebook on the same data gives the same split and the same tree. */
    public static final long SEED = 544;

    /** 80 % to train on, 20 % to measure the model on data it never saw. */
    public static final double[] TRAIN_TEST_WEIGHTS = {0.8, 0.2};

    private RainClassifier() {
    }

    /** Puts the five feature columns into the single vector column a Spark ML model reads. */
    public static VectorAssembler assembler() {
        return new VectorAssembler()
                .setInputCols(RainForecast.FEATURE_COLUMNS)
                .setOutputCol(VECTOR_COLUMN);
    }

    /** A decision tree with Spark's defaults (depth 5) predicting the {@code raining} column. */
    public static DecisionTreeClassifier classifier() {
        return new DecisionTreeClassifier()
                .setLabelCol(RainForecast.LABEL_COLUMN)
                .setFeaturesCol(VECTOR_COLUMN)
                .setSeed(SEED);
    }

    /** Forecast rows with the feature vector, split into train (first) and test (second). */
    public static List<Dataset<Row>> split(Dataset<Row> trainingRows) {
        Dataset<Row>[] parts = assembler().transform(trainingRows).randomSplit(TRAIN_TEST_WEIGHTS, SEED);
        return List.of(parts[0], parts[1]);
    }

    /** Trains the tree on assembled rows (output of {@link #split} or {@link #assembler}). */
    public static DecisionTreeClassificationModel train(Dataset<Row> assembledRows) {
        if (assembledRows.isEmpty()) {
            throw new IllegalStateException("no rows to train on — the forecast dataset is empty; let the parquet"
                    + " stream run longer (each station needs three consecutive days before it yields a row)");
        }
        return classifier().fit(assembledRows);
    }

    /**
     * Adds {@code prediction} to rows that have the feature columns (batch or stream): the
     * {@code features} stream in the notebook's deployment step has no vector column yet.
     */
    public static Dataset<Row> predict(DecisionTreeClassificationModel model, Dataset<Row> featureRows) {
        return model.transform(assembler().transform(featureRows));
    }

    /**
     * One row with {@code avg(correct)} — the accuracy, the fraction of rows where the prediction
     * equals {@code raining} — and {@code avg(raining)}, the fraction of rainy days. The second is
     * the yardstick: always predicting "dry" is right {@code 1 - avg(raining)} of the time.
     */
    public static Dataset<Row> evaluate(Dataset<Row> predictions) {
        return predictions
                .select(col("prediction").equalTo(col(RainForecast.LABEL_COLUMN)).cast("int").as("correct"),
                        col(RainForecast.LABEL_COLUMN))
                .agg(avg("correct"), avg(RainForecast.LABEL_COLUMN));
    }
}
