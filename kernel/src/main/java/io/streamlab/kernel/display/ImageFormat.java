package io.streamlab.kernel.display;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import java.awt.image.RenderedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Base64;
import javax.imageio.ImageIO;

/** A BufferedImage (any RenderedImage) shows as a PNG. */
final class ImageFormat implements RichFormat {
    @Override
    public boolean accepts(Object value) {
        return value instanceof RenderedImage;
    }

    @Override
    public void addTo(DisplayData data, Object value) throws IOException {
        RenderedImage image = (RenderedImage) value;
        putPng(data, image);
        data.putText(value.getClass().getSimpleName() + " " + image.getWidth() + "x" + image.getHeight());
    }

    static void putPng(DisplayData data, RenderedImage image) throws IOException {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(image, "png", png);
        data.putData("image/png", Base64.getEncoder().encodeToString(png.toByteArray()));
    }
}
