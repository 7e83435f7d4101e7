package io.streamlab.kernel.display;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.streamlab.kernel.spark.SparkBridge;

/**
 * A StreamingQuery as a cell's value shows its panel as it is now (state, last batch, sources,
 * sink) instead of {@code StreamingQueryWrapper@2e60c8be}. The cell that started the query has
 * the live one.
 */
final class StreamingQueryFormat implements RichFormat {
    @Override
    public boolean accepts(Object value) {
        return TypeNames.isA(value, "org.apache.spark.sql.streaming.StreamingQuery");
    }

    @Override
    public void addTo(DisplayData data, Object value) {
        data.assign(SparkBridge.queryPanelOf(value));
    }
}
