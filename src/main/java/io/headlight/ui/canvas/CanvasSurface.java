package io.headlight.ui.canvas;

import io.headlight.render.ArgbCache;
import io.headlight.render.FontChooser;
import io.headlight.render.Surface;
import io.headlight.render.VisibleRegion;
import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.scene.shape.StrokeLineCap;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;
import javafx.scene.transform.Affine;
import javafx.scene.transform.NonInvertibleTransformException;
import javafx.stage.Window;

import java.util.Map;
import java.util.WeakHashMap;

/**
 * The render layer's {@link Surface} over a JavaFX {@link GraphicsContext}, so the screen runs the very drawing
 * code the PNG and SVG exports run. Pixel buffers go in through one {@code setPixels} each and are drawn with
 * smoothing off, so cells stay crisp blocks at any zoom.
 */
public final class CanvasSurface implements Surface {
    /** Pixel buffers already made images, by array identity: scrubbing the grid redraws 144 of them a frame. */
    private static final Map<int[], WritableImage> IMAGES = new WeakHashMap<>();
    private static final ArgbCache<Color> COLORS = new ArgbCache<>(CanvasSurface::color);
    private static final Text MEASURER = new Text();

    private final GraphicsContext gc;
    private final FontChooser fonts = FxFonts.canvas();
    private final VisibleRegion visible;
    private final double pixelScale;

    /** Draws through {@code gc} as it stands: its transform tells which part of the figure the canvas shows. */
    public CanvasSurface(GraphicsContext gc) {
        this.gc = gc;
        gc.setImageSmoothing(false);
        gc.setLineCap(StrokeLineCap.BUTT);
        Canvas canvas = gc.getCanvas();
        Affine t = gc.getTransform();
        double scale = Math.hypot(t.getMxx(), t.getMyx());
        Bounds shown;
        try {
            shown = t.inverseTransform(new BoundingBox(0, 0, canvas.getWidth(), canvas.getHeight()));
        } catch (NonInvertibleTransformException e) {
            shown = new BoundingBox(0, 0, 0, 0);
        }
        visible = new VisibleRegion(shown.getMinX(), shown.getMinY(), shown.getWidth(), shown.getHeight(), scale);
        Window window = canvas.getScene() == null ? null : canvas.getScene().getWindow();
        pixelScale = scale * (window == null ? 1 : window.getOutputScaleX());
    }

    @Override
    public void fillRect(double x, double y, double w, double h, int argb) {
        if (visible.misses(x, y, x + w, y + h, 0)) {
            return;
        }
        gc.setFill(COLORS.get(argb));
        gc.fillRect(x, y, w, h);
    }

    @Override
    public void strokeRect(double x, double y, double w, double h, double lineWidth, int argb) {
        if (visible.misses(x, y, x + w, y + h, lineWidth)) {
            return;
        }
        gc.setStroke(COLORS.get(argb));
        gc.setLineWidth(lineWidth);
        gc.strokeRect(x, y, w, h);
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, double lineWidth, int argb) {
        if (visible.misses(x1, y1, x2, y2, lineWidth)) {
            return;
        }
        gc.setStroke(COLORS.get(argb));
        gc.setLineWidth(lineWidth);
        gc.strokeLine(x1, y1, x2, y2);
    }

    @Override
    public void text(String s, double x, double y, double fontSize, boolean bold, int argb,
                     HAlign h, VAlign v, double rotation) {
        if (visible.missesText(x, y, fontSize, rotation)) {
            return;
        }
        gc.setFont(font(s, fontSize, bold));
        gc.setFill(COLORS.get(argb));
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
        MEASURER.setFont(font(s, fontSize, bold));
        MEASURER.setText(s);
        return MEASURER.getLayoutBounds().getWidth();
    }

    @Override
    public void image(int[] argb, int w, int h, double x, double y, double dw, double dh) {
        if (visible.misses(x, y, x + dw, y + dh, 0)) {
            return;
        }
        // One image per buffer, never refilled: the canvas draws later, so a refilled image would show only its
        // last pixels; figures pass a new array when the pixels change.
        WritableImage image = IMAGES.computeIfAbsent(argb, a -> {
            WritableImage made = new WritableImage(w, h);
            made.getPixelWriter().setPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), a, 0, w);
            return made;
        });
        gc.setImageSmoothing(false);
        gc.drawImage(image, x, y, dw, dh);
    }

    @Override
    public double pixelScale() {
        return pixelScale;
    }

    @Override
    public void save() {
        gc.save();
        visible.save();
    }

    @Override
    public void restore() {
        gc.restore();
        visible.restore();
    }

    @Override
    public void clip(double x, double y, double w, double h) {
        gc.beginPath();
        gc.rect(x, y, w, h);
        gc.closePath();
        gc.clip();
        gc.beginPath();
        visible.clip(x, y, w, h);
    }

    /** The family {@link FxFonts} picks for the text's characters: Chinese labels get a CJK face, not boxes. */
    private Font font(String text, double size, boolean bold) {
        return FxFonts.font(fonts.familyFor(text), size, bold);
    }

    static Color color(int argb) {
        return Color.rgb((argb >> 16) & 0xFF, (argb >> 8) & 0xFF, argb & 0xFF, ((argb >>> 24) & 0xFF) / 255.0);
    }
}
