package io.headlight.render;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The part of a figure a surface can show, in figure coordinates, so a surface skips what would land outside it:
 * a 512-token head view scrolled to one screenful records ten thousand lines, of which a few hundred show.
 * Follows the surface's clips through save and restore.
 */
public final class VisibleRegion {
    /** Text smaller than this many device pixels is an illegible smudge; it is not drawn. */
    public static final double MIN_TEXT_PIXELS = 2;

    private final double scale;
    private final Deque<double[]> saved = new ArrayDeque<>();
    private double x0;
    private double y0;
    private double x1;
    private double y1;

    /** The rectangle (x, y, w, h) of figure coordinates shown at {@code scale} device pixels per unit. */
    public VisibleRegion(double x, double y, double w, double h, double scale) {
        this.x0 = x;
        this.y0 = y;
        this.x1 = x + w;
        this.y1 = y + h;
        this.scale = scale;
    }

    public void save() {
        saved.push(new double[] {x0, y0, x1, y1});
    }

    public void restore() {
        double[] r = saved.pop();
        x0 = r[0];
        y0 = r[1];
        x1 = r[2];
        y1 = r[3];
    }

    public void clip(double x, double y, double w, double h) {
        x0 = Math.max(x0, x);
        y0 = Math.max(y0, y);
        x1 = Math.min(x1, x + w);
        y1 = Math.min(y1, y + h);
    }

    /** Whether the box from (ax, ay) to (bx, by), in any order and grown by {@code margin}, misses the region. */
    public boolean misses(double ax, double ay, double bx, double by, double margin) {
        return Math.max(ax, bx) + margin < x0 || Math.min(ax, bx) - margin > x1
                || Math.max(ay, by) + margin < y0 || Math.min(ay, by) - margin > y1;
    }

    /**
     * Whether a text anchored at (x, y) cannot show: too small to read, or a horizontal line whose band misses
     * the region, or a vertical one (rotated by 90 degrees) whose column does. Other angles are always drawn.
     */
    public boolean missesText(double x, double y, double fontSize, double rotation) {
        if (fontSize * scale < MIN_TEXT_PIXELS) {
            return true;
        }
        double margin = 2 * fontSize;
        if (rotation == 0) {
            return y + margin < y0 || y - margin > y1;
        }
        if (Math.abs(rotation) == 90) {
            return x + margin < x0 || x - margin > x1;
        }
        return false;
    }
}
