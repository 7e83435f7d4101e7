package io.streamlab.spark;

import org.apache.spark.ml.classification.DecisionTreeClassificationModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RainClassifierTest {

    private static final StructType TRAINING = StructType.fromDDL("station STRING, date DATE, raining INT, month INT,"
            + " sub1degrees FLOAT, sub1raining INT, sub2degrees FLOAT, sub2raining INT");

    @Test
    void accuracyIsTheFractionOfCorrectPredictions() {
        List<Row> rows = List.of(
                RowFactory.create(1, 1.0),   // right
                RowFactory.create(0, 0.0),   // right
                RowFactory.create(0, 1.0),   // wrong
                RowFactory.create(1, 0.0),   // wrong
                RowFactory.create(0, 0.0));  // right
        Dataset<Row> predictions = TestSpark.session()
                .createDataFrame(rows, StructType.fromDDL("raining INT, prediction DOUBLE"));

        Dataset<Row> evaluation = RainClassifier.evaluate(predictions);

        assertArrayEquals(new String[] {"avg(correct)", "avg(raining)"}, evaluation.columns());
        Row row = evaluation.first();
        assertEquals(0.6, row.getDouble(0), 1e-12);
        assertEquals(0.4, row.getDouble(1), 1e-12);
    }

    /** Rain tomorrow exactly when it rained yesterday and it was warm: a rule a depth-5 tree can learn. */
    private static Dataset<Row> synthetic(int count) {
        Random random = new Random(7);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int sub1raining = random.nextInt(2);
            float sub1degrees = 20 + random.nextInt(60);
            int raining = sub1raining == 1 && sub1degrees > 40 ? 1 : 0;
            rows.add(RowFactory.create("A", java.sql.Date.valueOf("2000-01-01"), raining, 1 + random.nextInt(12),
                    sub1degrees, sub1raining, 20f + random.nextInt(60), random.nextInt(2)));
        }
        return TestSpark.session().createDataFrame(rows, TRAINING);
    }

    @Test
    void theTreeTrainsPrintsAndPredicts() {
        List<Dataset<Row>> split = RainClassifier.split(synthetic(400));
        Dataset<Row> train = split.get(0);
        Dataset<Row> test = split.get(1);

        DecisionTreeClassificationModel model = RainClassifier.train(train);

        assertTrue(model.toDebugString().startsWith("DecisionTreeClassificationModel"), model.toDebugString());
        assertEquals(5, model.numFeatures());
        assertTrue(test.count() > 40 && test.count() < 120, "about 20% test rows, got " + test.count());
        double accuracy = RainClassifier.evaluate(model.transform(test)).first().getDouble(0);
        assertTrue(accuracy > 0.95, "a learnable rule should be learned, accuracy " + accuracy);
    }

    @Test
    void predictAssemblesFeatureRowsItself() {
        DecisionTreeClassificationModel model = RainClassifier.train(RainClassifier.assembler().transform(synthetic(200)));
        Dataset<Row> features = synthetic(10).drop("raining");

        Dataset<Row> predicted = RainClassifier.predict(model, features).select("station", "date", "prediction");

        assertEquals(10, predicted.count());
        assertEquals("struct<station:string,date:date,prediction:double>", predicted.schema().simpleString());
    }

    @Test
    void theSplitIsTheSameEveryRun() {
        Dataset<Row> data = synthetic(200);
        long first = RainClassifier.split(data).get(1).count();
        long second = RainClassifier.split(data).get(1).count();
        assertEquals(first, second);
    }

    @Test
    void trainingOnNothingSaysWhy() {
        Dataset<Row> empty = RainClassifier.assembler().transform(synthetic(0));
        IllegalStateException error = assertThrows(IllegalStateException.class, () -> RainClassifier.train(empty));
        assertTrue(error.getMessage().contains("forecast dataset is empty"), error.getMessage());
    }
}
