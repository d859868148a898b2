package io.headlight.render;

import io.headlight.analysis.TokenAlignment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Two sentences' matrices for the same selection side by side on one colour scale, and their difference (first
 * minus second) over the tokens that correspond ({@link TokenAlignment}) on a diverging scale centred at 0.
 * Tokens without a counterpart are marked in their sentence's map and left out of the difference.
 */
public final class ComparisonFigure implements SurfaceFigure {
    /** Marks a token that has no counterpart in the other sentence. */
    public static final String UNPAIRED = " *";
    private static final double GAP = 24;
    private static final String[] WHICH = {"first", "second", "difference"};

    /** A cell of one of the three maps: 0 first, 1 second, 2 difference. */
    public record Hit(int map, int query, int key) {
    }

    private final ShownMatrix a;
    private final ShownMatrix b;
    private final TokenAlignment alignment;
    private final HeatmapFigure[] maps;
    private final double[] offsets;
    private final ShownMatrix differenceMatrix;
    private final float sharedMax;
    private final String note;
    private final int fg;

    public ComparisonFigure(ShownMatrix a, ShownMatrix b, ColorMap map, int fg, Surface measure) {
        this.a = a;
        this.b = b;
        this.fg = fg;
        this.alignment = TokenAlignment.of(a.labels(), b.labels());
        this.sharedMax = Math.max(largest(a), largest(b));
        int onlyFirst = a.size() - alignment.pairs();
        int onlySecond = b.size() - alignment.pairs();
        HeatmapFigure first = new HeatmapFigure(marked("first", a, onlyFirst, true), map, fg, measure, sharedMax);
        HeatmapFigure second = new HeatmapFigure(marked("second", b, onlySecond, false), map, fg, measure,
                sharedMax);
        int k = alignment.pairs();
        ShownMatrix diff = null;
        if (k > 0) {
            List<String> labels = new ArrayList<>(k);
            for (int p = 0; p < k; p++) {
                String x = a.labels().get(alignment.first(p));
                String y = b.labels().get(alignment.second(p));
                labels.add(x.equals(y) ? x : x + " / " + y);
            }
            diff = new ShownMatrix(alignment.difference(a.values(), b.values()), k, labels,
                    "difference: first minus second", "", null);
        }
        this.differenceMatrix = diff;
        this.maps = diff == null ? new HeatmapFigure[] {first, second}
                : new HeatmapFigure[] {first, second, new HeatmapFigure(diff, ColorMap.RDBU_R, fg, measure)};
        this.offsets = new double[maps.length];
        for (int i = 1; i < maps.length; i++) {
            offsets[i] = offsets[i - 1] + maps[i - 1].width() + GAP;
        }
        String scale = String.format(Locale.ROOT, "first and second on one colour scale, 0 to %.2f", sharedMax);
        String unpaired = onlyFirst + onlySecond == 0 ? "" : " (" + UNPAIRED.strip() + " " + onlyFirst
                + " only in the first, " + onlySecond + " only in the second)";
        this.note = scale + " · " + (k == 0 ? "no tokens in common, so no difference"
                : "difference over the " + k + " corresponding tokens" + unpaired + ", centred at 0");
    }

    private static float largest(ShownMatrix m) {
        float max = 0;
        for (float v : m.values()) {
            max = Math.max(max, Math.abs(v));
        }
        return max > 0 ? max : 1;
    }

    /** The matrix titled for its side, its tokens without a counterpart marked. */
    private ShownMatrix marked(String which, ShownMatrix m, int unpaired, boolean isFirst) {
        List<String> labels = new ArrayList<>(m.size());
        for (int i = 0; i < m.size(); i++) {
            boolean paired = isFirst ? alignment.inSecond(i) >= 0 : alignment.inFirst(i) >= 0;
            labels.add(paired ? m.labels().get(i) : m.labels().get(i) + UNPAIRED);
        }
        String note = m.note();
        if (unpaired > 0) {
            String mark = UNPAIRED.strip() + " not in the " + (isFirst ? "second" : "first") + " sentence";
            note = note.isEmpty() ? mark : note + " · " + mark;
        }
        return new ShownMatrix(m.values(), m.size(), labels, which + " · " + m.title(), note, m.segments(),
                m.positions());
    }

    /** The difference matrix over the corresponding tokens, or null when the sentences share none. */
    public ShownMatrix difference() {
        return differenceMatrix;
    }

    /** Which tokens correspond. */
    public TokenAlignment alignment() {
        return alignment;
    }

    /** The top of the colour scale both sentences' maps share. */
    public float sharedMax() {
        return sharedMax;
    }

    /** The legend line under the maps: the shared scale and what the difference covers. */
    public String note() {
        return note;
    }

    /** The cell under a figure point, or null. */
    public Hit hitAt(double x, double y) {
        for (int i = maps.length - 1; i >= 0; i--) {
            if (x >= offsets[i]) {
                int[] cell = maps[i].cellAt(x - offsets[i], y);
                return cell == null ? null : new Hit(i, cell[0], cell[1]);
            }
        }
        return null;
    }

    /** Highlights the hovered cell and the cells that correspond to it in the other maps; null clears. */
    public void hover(Hit hit) {
        int[][] cells = hit == null ? new int[3][] : corresponding(hit);
        for (int i = 0; i < maps.length; i++) {
            int[] c = cells[i];
            maps[i].hover(c == null ? -1 : c[0], c == null ? -1 : c[1]);
        }
    }

    /**
     * What the pointer is over, in all maps that have that cell ({@code 4 the -> 2 cat: first .. · second ..}), the
     * tokens named by their positions in the map under the pointer, as the heatmap's hover names them.
     */
    public String readout(Hit hit) {
        int[][] cells = corresponding(hit);
        ShownMatrix[] shown = {a, b, differenceMatrix};
        ShownMatrix on = shown[hit.map()];
        StringBuilder s = new StringBuilder(on.positionLabel(hit.query()) + " -> " + on.positionLabel(hit.key()) + ":");
        for (int i = 0; i < maps.length; i++) {
            if (cells[i] != null) {
                float v = shown[i].at(cells[i][0], cells[i][1]);
                s.append(i == 0 ? " " : " · ").append(WHICH[i]).append(' ')
                        .append(String.format(Locale.ROOT, i == 2 ? "%+.4f" : "%.4f", v));
            } else if (i < 2) {
                s.append(i == 0 ? " " : " · ").append(WHICH[i]).append(" —");
            }
        }
        return s.toString();
    }

    /** The (query, key) cell of each map that shows the same pair of tokens as {@code hit}, or null there. */
    private int[][] corresponding(Hit hit) {
        int[] pairs = new int[2];
        for (int end = 0; end < 2; end++) {
            int token = end == 0 ? hit.query() : hit.key();
            pairs[end] = switch (hit.map()) {
                case 0 -> pairOf(token, true);
                case 1 -> pairOf(token, false);
                default -> token;
            };
        }
        int[][] cells = new int[3][];
        cells[hit.map()] = new int[] {hit.query(), hit.key()};
        if (pairs[0] >= 0 && pairs[1] >= 0) {
            cells[0] = new int[] {alignment.first(pairs[0]), alignment.first(pairs[1])};
            cells[1] = new int[] {alignment.second(pairs[0]), alignment.second(pairs[1])};
            cells[2] = differenceMatrix == null ? null : new int[] {pairs[0], pairs[1]};
        }
        return cells;
    }

    /** The pair a token of the first (or second) sentence belongs to, or -1 when it has no counterpart. */
    private int pairOf(int token, boolean inFirst) {
        for (int p = 0; p < alignment.pairs(); p++) {
            if ((inFirst ? alignment.first(p) : alignment.second(p)) == token) {
                return p;
            }
        }
        return -1;
    }

    @Override
    public double width() {
        double w = offsets[maps.length - 1] + maps[maps.length - 1].width();
        return Math.max(w, 12 + note.length() * 7.0);
    }

    @Override
    public double height() {
        double h = 0;
        for (HeatmapFigure m : maps) {
            h = Math.max(h, m.height());
        }
        return h + 24;
    }

    @Override
    public void draw(Surface s) {
        double h = 0;
        for (int i = 0; i < maps.length; i++) {
            maps[i].draw(i == 0 ? s : new ShiftedSurface(s, offsets[i], 0));
            h = Math.max(h, maps[i].height());
        }
        s.text(note, 12, h + 4, 12, false, fg, Surface.HAlign.LEFT, Surface.VAlign.TOP, 0);
    }
}
