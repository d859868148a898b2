package io.headlight.render;

import io.headlight.analysis.AttentionDiff;
import io.headlight.model.HeadlightException;

import java.util.List;
import java.util.stream.IntStream;

/**
 * Two sentences' matrices for the same selection side by side, and their difference (first minus second) on a
 * diverging map with a scale symmetric around 0. The difference needs the same tokens count; otherwise a note
 * says why it is missing.
 */
public final class ComparisonFigure implements SurfaceFigure {
    private static final double GAP = 24;
    private final HeatmapFigure first;
    private final HeatmapFigure second;
    private final HeatmapFigure difference;
    private final ShownMatrix differenceMatrix;
    private final String note;
    private final int fg;

    public ComparisonFigure(ShownMatrix a, ShownMatrix b, ColorMap map, int fg, Surface measure) {
        this.fg = fg;
        this.first = new HeatmapFigure(titled("first", a), map, fg, measure);
        this.second = new HeatmapFigure(titled("second", b), map, fg, measure);
        ShownMatrix diff = null;
        String why = "";
        if (a.size() != b.size()) {
            why = "the two sentences have " + a.size() + " and " + b.size()
                    + " tokens; the difference needs equal lengths";
        } else {
            try {
                float[] d = AttentionDiff.of(a.values(), b.values());
                diff = new ShownMatrix(d, a.size(), differenceLabels(a.labels(), b.labels()),
                        "difference: first minus second", "", null);
            } catch (HeadlightException e) {
                why = e.getMessage();
            }
        }
        this.differenceMatrix = diff;
        this.difference = diff == null ? null : new HeatmapFigure(diff, ColorMap.RDBU_R, fg, measure);
        this.note = why;
    }

    private static ShownMatrix titled(String which, ShownMatrix m) {
        return new ShownMatrix(m.values(), m.size(), m.labels(), which + " · " + m.title(), m.note(), m.segments());
    }

    /** Labels of the difference map: the shared token, or "a / b" where the sentences differ. */
    private static List<String> differenceLabels(List<String> a, List<String> b) {
        return IntStream.range(0, a.size())
                .mapToObj(i -> a.get(i).equals(b.get(i)) ? a.get(i) : a.get(i) + " / " + b.get(i)).toList();
    }

    /** The difference matrix, or null when the token counts differ. */
    public ShownMatrix difference() {
        return differenceMatrix;
    }

    /** Why there is no difference map, or empty when there is one. */
    public String note() {
        return note;
    }

    @Override
    public double width() {
        double w = first.width() + GAP + second.width();
        return difference == null ? Math.max(w, 12 + note.length() * 7.0) : w + GAP + difference.width();
    }

    @Override
    public double height() {
        double h = Math.max(first.height(), second.height());
        return difference == null ? h + 24 : Math.max(h, difference.height());
    }

    @Override
    public void draw(Surface s) {
        first.draw(s);
        double x = first.width() + GAP;
        second.draw(new ShiftedSurface(s, x, 0));
        if (difference != null) {
            difference.draw(new ShiftedSurface(s, x + second.width() + GAP, 0));
        }
        if (difference == null) {
            s.text(note, 12, Math.max(first.height(), second.height()) + 4, 12, false, fg, Surface.HAlign.LEFT,
                    Surface.VAlign.TOP, 0);
        }
    }
}
