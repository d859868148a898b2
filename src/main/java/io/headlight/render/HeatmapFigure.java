package io.headlight.render;

import java.util.List;
import java.util.Locale;

/**
 * One matrix as a heatmap: cells as one pixel buffer, token labels on both axes (columns turned, or stacked upright
 * for Chinese), a colour bar, the title, and the values printed in the cells when they fit. Probabilities run from 0
 * to the matrix's largest value; a matrix with negative values (a difference) gets a scale symmetric around 0 for a
 * diverging map.
 *
 * <p>Laid out for a zoom ({@link #layout}) rather than scaled: cells grow, labels keep one size and thin out to
 * every 2nd, 5th, 10th ... position where they would overlap, and carry their position where tokens repeat or the
 * axis is long.
 */
public final class HeatmapFigure implements ScalableFigure {
    private static final double FONT = 11;
    private static final double LABEL_PITCH = FONT + 3;
    private static final int LABEL_CHARS = 14;
    private static final double MAX_FIT_CELL = 48;
    private static final double RIGHT = 84;
    private final ShownMatrix m;
    private final ColorMap map;
    private final int fg;
    private final List<String> labels;
    private final double naturalCell;
    private double cell;
    private final double left;
    private final double top;
    private final double bottom;
    private final float max;
    private final boolean signed;
    private final double titleWidth;
    /** The colour bar's pixels, made on the first draw and kept: hovering redraws the same figure. */
    private int[] bar;
    private int hoverQuery = -1;
    private int hoverKey = -1;
    private double[] labelArea;
    private int stripBackground;
    /** What the last draw's pinned strips and colour bar left uncovered of the cells: x from..to, y from. */
    private double coveredLeft = Double.NEGATIVE_INFINITY;
    private double coveredTop = Double.NEGATIVE_INFINITY;
    private double coveredRight = Double.POSITIVE_INFINITY;

    public HeatmapFigure(ShownMatrix m, ColorMap map, int fg, Surface measure) {
        this(m, map, fg, measure, 0);
    }

    /** @param scaleMax top of the colour scale when it is shared with another figure; 0 for the matrix's own */
    public HeatmapFigure(ShownMatrix m, ColorMap map, int fg, Surface measure, float scaleMax) {
        this.m = m;
        this.map = map;
        this.fg = fg;
        int n = m.size();
        this.naturalCell = n <= 20 ? 34 : n <= 48 ? 20 : n <= 160 ? 12 : 7;
        this.cell = naturalCell;
        this.labels = m.axisLabels().stream().map(HeatmapFigure::shortened).toList();
        double widest = 0;
        double tallest = 0;
        for (String l : labels) {
            widest = Math.max(widest, measure.textWidth(l, FONT, false));
            tallest = Math.max(tallest, ColumnLabel.extent(l, FONT, measure));
        }
        // Bold (hovered) labels are a little wider; the 6 px gap to the cells takes that.
        this.left = widest + 12;
        this.top = 26 + tallest + 8;
        this.bottom = m.note().isEmpty() ? 4 : 30;
        float mx = 0;
        boolean negative = false;
        for (float v : m.values()) {
            mx = Math.max(mx, Math.abs(v));
            negative |= v < 0;
        }
        this.max = scaleMax > 0 ? scaleMax : mx > 0 ? mx : 1;
        this.signed = negative;
        this.titleWidth = Math.max(measure.textWidth(m.title(), 13, true), measure.textWidth(m.note(), 11, false));
    }

    private static String shortened(String label) {
        return label.length() <= LABEL_CHARS ? label : label.substring(0, LABEL_CHARS - 1) + "…";
    }

    @Override
    public void layout(double scale) {
        cell = naturalCell * scale;
    }

    @Override
    public double scaleToFit(double width, double height) {
        int n = m.size();
        double fitted = Math.min((width - left - RIGHT) / n, (height - top - bottom) / n);
        return Math.max(0.05, Math.min(MAX_FIT_CELL, fitted)) / naturalCell;
    }

    @Override
    public void labelsOnlyIn(double x, double y, double w, double h) {
        labelArea = new double[] {x, y, x + w, y + h};
    }

    /**
     * On screen, keeps the axis labels at the edges of the part shown (on a strip of {@code background}) when
     * the figure is scrolled, so a zoomed-in region still says which tokens it is.
     */
    public void keepLabelsInView(int background) {
        stripBackground = background;
    }

    /** Side of one cell at the current layout. */
    public double cell() {
        return cell;
    }

    /** Left edge of the cells; cell (q, k) starts at (cellsLeft() + k * cell(), cellsTop() + q * cell()). */
    public double cellsLeft() {
        return left;
    }

    public double cellsTop() {
        return top;
    }

    /** The axis labels as drawn, one per row and column, before thinning. */
    public List<String> axisLabels() {
        return labels;
    }

    @Override
    public double width() {
        return Math.max(left + cell * m.size() + RIGHT, left + titleWidth + 16);
    }

    @Override
    public double height() {
        return top + cell * m.size() + bottom;
    }

    /**
     * The (query, key) cell under a figure point, or null: also where the last draw covered the cells with the
     * pinned label strips or colour bar, so the pointer on a label never reads out the cell hidden under it.
     */
    public int[] cellAt(double x, double y) {
        int k = (int) Math.floor((x - left) / cell);
        int q = (int) Math.floor((y - top) / cell);
        if (x < left || y < top || k >= m.size() || q >= m.size()) {
            return null;
        }
        if (x < coveredLeft || y < coveredTop || x >= coveredRight) {
            return null;
        }
        return new int[] {q, k};
    }

    public void hover(int query, int key) {
        hoverQuery = query;
        hoverKey = key;
    }

    /** Two decimals without the leading zero, as in print figures; 1 stays "1". */
    private static String cellText(float v) {
        String text = Decimals.fixed(v, 2);
        if (text.equals("-0.00")) {
            text = "0.00";
        }
        return text.startsWith("0") ? text.substring(1) : text.startsWith("-0") ? "-" + text.substring(2)
                : text.equals("1.00") ? "1" : text;
    }

    /** Where a value falls on the colour map, 0 to 1. */
    private double scaled(float v) {
        return signed ? 0.5 + 0.5 * v / max : v / max;
    }

    @Override
    public void draw(Surface s) {
        int n = m.size();
        double[] area = labelArea != null ? labelArea
                : new double[] {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
                        Double.POSITIVE_INFINITY};
        if (bar == null) {
            bar = new int[64];
            for (int i = 0; i < 64; i++) {
                bar[i] = map.argb(1 - i / 63.0);
            }
        }
        int firstRow = Math.max(0, (int) Math.floor((area[1] - top) / cell));
        int lastRow = Math.min(n - 1, (int) Math.floor((area[3] - top) / cell));
        int firstCol = Math.max(0, (int) Math.floor((area[0] - left) / cell));
        int lastCol = Math.min(n - 1, (int) Math.floor((area[2] - left) / cell));
        // Zoomed in, only the cells on screen go into the image: scaling all 512 x 512 up costs a frame.
        boolean part = labelArea != null && lastRow >= firstRow && lastCol >= firstCol;
        int r0 = part ? firstRow : 0;
        int c0 = part ? firstCol : 0;
        int rows = part ? lastRow - firstRow + 1 : n;
        int cols = part ? lastCol - firstCol + 1 : n;
        int[] px = new int[rows * cols];
        for (int q = 0; q < rows; q++) {
            for (int k = 0; k < cols; k++) {
                px[q * cols + k] = map.argb(scaled(m.at(r0 + q, c0 + k)));
            }
        }
        s.image(px, cols, rows, left + c0 * cell, top + r0 * cell, cols * cell, rows * cell);
        if (cell >= 30) {
            for (int q = firstRow; q <= lastRow; q++) {
                for (int k = firstCol; k <= lastCol; k++) {
                    float v = m.at(q, k);
                    s.text(cellText(v), left + (k + 0.5) * cell,
                            top + (q + 0.5) * cell, 9, false, ColorMap.textColorOn(map.argb(scaled(v))),
                            Surface.HAlign.CENTER, Surface.VAlign.MIDDLE, 0);
                }
            }
        }
        if (hoverQuery >= 0 && hoverQuery < n && hoverKey < n) {
            s.strokeRect(left + hoverKey * cell, top + hoverQuery * cell, cell, cell, Math.max(1, cell / 10), fg);
        }
        // Labels stick to the edges of the part on screen when it is scrolled past them.
        double rowEdge = stripBackground != 0 ? Math.max(left, area[0] + left) : left;
        double colEdge = stripBackground != 0 ? Math.max(top, area[1] + top) : top;
        if (rowEdge > left) {
            double y0 = Math.max(area[1], top);
            s.fillRect(rowEdge - left, y0, left, Math.min(area[3], top + n * cell) - y0, stripBackground);
        }
        if (colEdge > top) {
            double x0 = Math.max(area[0], left);
            s.fillRect(x0, colEdge - top, Math.min(area[2], left + n * cell) - x0, top, stripBackground);
        }
        if (rowEdge > left && colEdge > top) {
            s.fillRect(rowEdge - left, colEdge - top, left, top, stripBackground);
        }
        coveredLeft = rowEdge > left ? rowEdge : Double.NEGATIVE_INFINITY;
        coveredTop = colEdge > top ? colEdge : Double.NEGATIVE_INFINITY;
        coveredRight = Double.POSITIVE_INFINITY;
        int step = PositionLabels.step(cell, LABEL_PITCH);
        for (int i = Math.min(firstRow, firstCol); i <= Math.max(lastRow, lastCol); i++) {
            boolean rowHot = i == hoverQuery;
            boolean colHot = i == hoverKey;
            // A label scrolled under the other axis's strip is left out rather than drawn over it.
            if (i >= firstRow && i <= lastRow && shows(i, step, hoverQuery)
                    && (colEdge == top || top + (i + 0.5) * cell >= colEdge + FONT / 2)) {
                s.text(labels.get(i), rowEdge - 6, top + (i + 0.5) * cell, FONT, rowHot, fg, Surface.HAlign.RIGHT,
                        Surface.VAlign.MIDDLE, 0);
            }
            if (i >= firstCol && i <= lastCol && shows(i, step, hoverKey)
                    && (rowEdge == left || left + (i + 0.5) * cell >= rowEdge + FONT / 2)) {
                ColumnLabel.draw(s, labels.get(i), left + (i + 0.5) * cell, colEdge - 6, FONT, colHot, fg);
            }
        }
        // Zoomed in on screen, the colour bar and the title stay in view while the cells pan under them.
        boolean pinned = stripBackground != 0 && area[2] > area[0] && area[3] > area[1];
        double barX = left + cell * n + 16;
        double barTop = top;
        double barBottom = top + cell * n;
        if (pinned) {
            if (barX + RIGHT - 16 > area[2]) {
                barX = Math.max(rowEdge + 16, area[2] - RIGHT + 16);
                s.fillRect(barX - 8, area[1], area[2] - barX + 8, area[3] - area[1], stripBackground);
                coveredRight = barX - 8;
            }
            barTop = colEdge;
            // Half the height below the column labels at most: the screen's overview takes the bottom corner.
            double room = Math.min(barBottom, area[3] - 4) - barTop;
            barBottom = barTop + Math.max(16, barBottom - barTop <= room ? room : room / 2);
        }
        s.image(bar, 1, 64, barX, barTop, 14, barBottom - barTop);
        s.strokeRect(barX, barTop, 14, barBottom - barTop, 1, fg);
        s.text((signed ? "+" : "") + String.format(Locale.ROOT, "%.2f", max), barX + 18, barTop, 10, false, fg,
                Surface.HAlign.LEFT, Surface.VAlign.TOP, 0);
        s.text(signed ? String.format(Locale.ROOT, "%.2f", -max) : "0", barX + 18, barBottom, 10, false, fg,
                Surface.HAlign.LEFT, Surface.VAlign.BOTTOM, 0);
        s.text(m.title(), pinned ? rowEdge : left, pinned ? colEdge - top + 8 : 8, 13, true, fg, Surface.HAlign.LEFT,
                Surface.VAlign.TOP, 0);
        if (!m.note().isEmpty()) {
            s.text(m.note(), left, top + cell * n + 10, 11, false, fg, Surface.HAlign.LEFT, Surface.VAlign.TOP, 0);
        }
    }

    /** A thinned axis shows every {@code step}-th label and the hovered one, never one that would overlap it. */
    private boolean shows(int i, int step, int hovered) {
        if (i == hovered) {
            return true;
        }
        if (i % step != 0) {
            return false;
        }
        return hovered < 0 || Math.abs(i - hovered) * cell >= LABEL_PITCH;
    }
}
