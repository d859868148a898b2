package io.headlight.ui.canvas;

import io.headlight.render.FontChooser;
import io.headlight.render.Surface;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.scene.shape.StrokeLineCap;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;

/**
 * The render layer's {@link Surface} over a JavaFX {@link GraphicsContext}, so the screen runs the very drawing
 * code the PNG and SVG exports run. Pixel buffers go in through one {@code setPixels} each and are drawn with
 * smoothing off, so cells stay crisp blocks at any zoom.
 */
public final class CanvasSurface implements Surface {
    private final GraphicsContext gc;
    private final FontChooser fonts = FxFonts.canvas();
    private final Text measurer = new Text();

    public CanvasSurface(GraphicsContext gc) {
        this.gc = gc;
        gc.setImageSmoothing(false);
        gc.setLineCap(StrokeLineCap.BUTT);
    }

    @Override
    public void fillRect(double x, double y, double w, double h, int argb) {
        gc.setFill(color(argb));
        gc.fillRect(x, y, w, h);
    }

    @Override
    public void strokeRect(double x, double y, double w, double h, double lineWidth, int argb) {
        gc.setStroke(color(argb));
        gc.setLineWidth(lineWidth);
        gc.strokeRect(x, y, w, h);
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, double lineWidth, int argb) {
        gc.setStroke(color(argb));
        gc.setLineWidth(lineWidth);
        gc.strokeLine(x1, y1, x2, y2);
    }

    @Override
    public void text(String s, double x, double y, double fontSize, boolean bold, int argb,
                     HAlign h, VAlign v, double rotation) {
        gc.setFont(font(s, fontSize, bold));
        gc.setFill(color(argb));
        gc.setTextAlign(switch (h) {
            case LEFT -> TextAlignment.LEFT;
            case CENTER -> TextAlignment.CENTER;
            case RIGHT -> TextAlignment.RIGHT;
        });
        gc.setTextBaseline(switch (v) {
            case TOP -> VPos.TOP;
            case MIDDLE -> VPos.CENTER;
            case BASELINE -> VPos.BASELINE;
            case BOTTOM -> VPos.BOTTOM;
        });
        if (rotation == 0) {
            gc.fillText(s, x, y);
            return;
        }
        gc.save();
        gc.translate(x, y);
        gc.rotate(rotation);
        gc.fillText(s, 0, 0);
        gc.restore();
    }

    @Override
    public double textWidth(String s, double fontSize, boolean bold) {
        measurer.setFont(font(s, fontSize, bold));
        measurer.setText(s);
        return measurer.getLayoutBounds().getWidth();
    }

    @Override
    public void image(int[] argb, int w, int h, double x, double y, double dw, double dh) {
        // A new image per call: the canvas draws later, so a reused image would show only its last pixels.
        WritableImage image = new WritableImage(w, h);
        image.getPixelWriter().setPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
        gc.setImageSmoothing(false);
        gc.drawImage(image, x, y, dw, dh);
    }

    @Override
    public void save() {
        gc.save();
    }

    @Override
    public void restore() {
        gc.restore();
    }

    @Override
    public void clip(double x, double y, double w, double h) {
        gc.beginPath();
        gc.rect(x, y, w, h);
        gc.closePath();
        gc.clip();
        gc.beginPath();
    }

    /** The family {@link FxFonts} picks for the text's characters: Chinese labels get a CJK face, not boxes. */
    private Font font(String text, double size, boolean bold) {
        return FxFonts.font(fonts.familyFor(text), size, bold);
    }

    static Color color(int argb) {
        return Color.rgb((argb >> 16) & 0xFF, (argb >> 8) & 0xFF, argb & 0xFF, ((argb >>> 24) & 0xFF) / 255.0);
    }
}
