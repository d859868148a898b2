package io.headlight.render;

import java.util.Arrays;

/**
 * Anti-aliased straight lines blended one over another into an ARGB pixel buffer, for the dense head view: over a
 * thousand long thin lines a frame cost Java2D and JavaFX a stroke set-up each (tens of milliseconds), where
 * blending a line's few hundred pixels here costs microseconds. Each line covers its pixels by the area of a box of
 * its width swept along it and lays its colour over what is below (source over), so overlapping lines darken as
 * on a vector surface.
 *
 * <p>Lines of one colour in a row (one head's) only multiply how much of the background each pixel still lets
 * through; the colour is laid once when the colour changes, and a single colour (one head) never needs more. Pixels are kept column by column: the head view's
 * lines are mostly steeper than the strip is wide, and walk down a column.
 */
final class LineRaster {
    private final int width;
    private final int height;
    /** How much of what lies below each pixel shows through the current colour's lines, 1 = all. */
    private final float[] through;
    /** Premultiplied red, green, blue and alpha laid so far, 0..1, column-major; made for a second colour. */
    private float[] red;
    private float[] green;
    private float[] blue;
    private float[] alpha;
    private int rgb = -1;
    private boolean pending;

    LineRaster(int width, int height) {
        this.width = width;
        this.height = height;
        int n = width * height;
        through = new float[n];
        Arrays.fill(through, 1);
    }

    /** A line from (x1, y1) to (x2, y2) in pixels of this buffer, {@code lineWidth} pixels wide, {@code argb}. */
    void line(double x1, double y1, double x2, double y2, double lineWidth, int argb) {
        int colour = argb & 0xFFFFFF;
        if (colour != rgb) {
            lay();
            rgb = colour;
        }
        pending = true;
        float a = (argb >>> 24) / 255f;
        if (Math.abs(x2 - x1) >= Math.abs(y2 - y1)) {
            sweep(x1, y1, x2, y2, lineWidth, a, true);
        } else {
            sweep(y1, x1, y2, x2, lineWidth, a, false);
        }
    }

    /**
     * Walks the line's major axis (u) one pixel at a time and covers, in each step, the run of pixels across it
     * (v) that the line's width spans there: {@code lineWidth} grown by the slant, so a steep line is as thick.
     */
    private void sweep(double u1, double v1, double u2, double v2, double lineWidth, float a, boolean alongX) {
        if (u2 < u1) {
            double u = u1;
            u1 = u2;
            u2 = u;
            double v = v1;
            v1 = v2;
            v2 = v;
        }
        double slope = u2 == u1 ? 0 : (v2 - v1) / (u2 - u1);
        float half = (float) (lineWidth * Math.sqrt(1 + slope * slope) / 2);
        int uLimit = alongX ? width : height;
        int vLimit = alongX ? height : width;
        int uStride = alongX ? height : 1;
        int vStride = alongX ? 1 : height;
        int from = Math.max(0, (int) Math.floor(u1));
        int to = Math.min(uLimit - 1, (int) Math.ceil(u2) - 1);
        for (int u = from; u <= to; u++) {
            float along = (float) (Math.min(u + 1, u2) - Math.max(u, u1));
            if (along <= 0) {
                continue;
            }
            float centre = (float) (v1 + (u + 0.5 - u1) * slope);
            float lo = centre - half;
            float hi = centre + half;
            int first = (int) Math.floor(lo);
            int last = (int) Math.ceil(hi) - 1;
            float k = along * a;
            int base = u * uStride;
            if (first == last) {
                cover(base, first, vLimit, vStride, k * (hi - lo));
                continue;
            }
            cover(base, first, vLimit, vStride, k * (first + 1 - lo));
            for (int v = Math.max(0, first + 1); v < Math.min(vLimit, last); v++) {
                through[base + v * vStride] *= 1 - k;
            }
            cover(base, last, vLimit, vStride, k * (hi - last));
        }
    }

    private void cover(int base, int v, int vLimit, int vStride, float amount) {
        if (v >= 0 && v < vLimit) {
            through[base + v * vStride] *= 1 - amount;
        }
    }

    /** Lays the current colour where its lines covered, over what was laid before. */
    private void lay() {
        if (!pending) {
            return;
        }
        pending = false;
        if (red == null) {
            red = new float[through.length];
            green = new float[through.length];
            blue = new float[through.length];
            alpha = new float[through.length];
        }
        float r = (rgb >> 16 & 0xFF) / 255f;
        float g = (rgb >> 8 & 0xFF) / 255f;
        float b = (rgb & 0xFF) / 255f;
        for (int i = 0; i < through.length; i++) {
            float keep = through[i];
            if (keep < 1) {
                float a = 1 - keep;
                red[i] = r * a + red[i] * keep;
                green[i] = g * a + green[i] * keep;
                blue[i] = b * a + blue[i] * keep;
                alpha[i] = a + alpha[i] * keep;
                through[i] = 1;
            }
        }
    }

    /** The buffer as non-premultiplied {@code 0xAARRGGBB}, row-major, for {@link Surface#image}. */
    int[] argb() {
        int[] out = new int[width * height];
        if (red == null) {
            // Row by row: the sixteen rows a cache line of each column holds stay cached across the strip's width.
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    float keep = through[x * height + y];
                    if (keep < 1) {
                        out[y * width + x] = channel((1 - keep) * 255) << 24 | rgb;
                    }
                }
            }
            return out;
        }
        lay();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = x * height + y;
                float a = alpha[i];
                if (a > 0) {
                    float k = 255 / a;
                    out[y * width + x] = channel(a * 255) << 24 | channel(red[i] * k) << 16
                            | channel(green[i] * k) << 8 | channel(blue[i] * k);
                }
            }
        }
        return out;
    }

    private static int channel(float v) {
        return Math.max(0, Math.min(255, (int) (v + 0.5f)));
    }
}
