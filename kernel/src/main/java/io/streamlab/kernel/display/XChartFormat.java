package io.streamlab.kernel.display;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import java.awt.image.BufferedImage;
import java.io.IOException;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/** An XChart chart shows as a PNG of the chart at its own size. */
final class XChartFormat implements RichFormat {
    @Override
    public boolean accepts(Object value) {
        return TypeNames.isA(value, "org.knowm.xchart.internal.chartpart.Chart");
    }

    @Override
    public void addTo(DisplayData data, Object value) throws IOException {
        Chart<?, ?> chart = (Chart<?, ?>) value;
        BufferedImage image = BitmapEncoder.getBufferedImage(chart);
        ImageFormat.putPng(data, image);
        String title = chart.getTitle() == null ? "" : " \"" + chart.getTitle() + "\"";
        data.putText(value.getClass().getSimpleName() + title + " " + image.getWidth() + "x" + image.getHeight());
    }
}
