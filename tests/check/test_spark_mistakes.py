"""The course's common mistakes in spark.ipynb, put into one copy of the solution: they cost three
different points (parquet, model, predictions), so one run shows each costs its own point, with a
hint that names it, and the stats keep theirs."""
from checker_runs import check, lost, mutated

CHECKPOINT_INSIDE_THE_OUTPUT = ('.option("checkpointLocation", settings.checkpointDir())',
                                '.option("checkpointLocation", settings.parquetDir() + "/checkpoint")')

F1_AS_ACCURACY = ("""predictions
        .withColumn("correct", col("prediction").equalTo(col("raining")).cast("int"))
        .agg(avg("correct"), avg("raining"))
        .show();""", """// MulticlassClassificationEvaluator's default metric is f1
System.out.println("accuracy: " + new org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator()
        .setLabelCol("raining")
        .evaluate(predictions));""")

EVERY_STATION = ("""        .where(col("station").equalTo("A"))
""", "")


def test_each_mistake_costs_its_point_with_a_hint_naming_it(tmp_path):
    checked = check(mutated("spark", [CHECKPOINT_INSIDE_THE_OUTPUT, F1_AS_ACCURACY, EVERY_STATION], tmp_path / "notebook"))
    assert checked.execution.failure is None, checked.execution.failure
    hints = lost(checked)
    assert set(hints) == {"spark.parquet", "spark.model", "spark.predictions"}, \
        "\n".join(f"{result.criterion.key}: {result.checked} | {result.hint}" for result in checked.results)
    assert "checkpoint is inside the output directory" in hints["spark.parquet"]
    assert "weighted f1" in hints["spark.model"] and "not the accuracy" in hints["spark.model"]
    assert "keep only station A" in hints["spark.predictions"]
    assert checked.earned == 1
