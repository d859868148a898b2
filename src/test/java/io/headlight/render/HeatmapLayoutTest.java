package io.headlight.render;

import io.headlight.model.AttentionResult;
import io.headlight.model.HeadlightException;
import io.headlight.model.SharedModels;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The heatmap laid out for a 512-token input of bge-small-en-v1.5: it fills the view and its labels stay apart. */
class HeatmapLayoutTest {
    private static final String LONG = "the quick brown fox jumps over the lazy dog while the cat watches ".repeat(60);
    private static ShownMatrix shown;

    @BeforeAll
    static void explain() throws HeadlightException {
        AttentionResult r = SharedModels.get("bge-small-en-v1.5").explain(LONG, null);
        assertEquals(512, r.length());
        shown = ShownMatrix.of(r, 5, 3, false, false, false, false, LONG, null);
    }

    @Test
    void fittedCellsFillMostOfTheShorterSide() {
        HeatmapFigure figure = figure();
        figure.layout(figure.scaleToFit(1200, 800));

        assertTrue(figure.width() <= 1200 && figure.height() <= 800, figure.width() + " x " + figure.height());
        assertTrue(512 * figure.cell() >= 0.8 * 800, "cells span " + 512 * figure.cell() + " px of 800");
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.2, 0.5, 1, 3})
    void rowAndColumnLabelsNeverOverlap(double scale) {
        HeatmapFigure figure = figure();
        figure.layout(scale);
        TextRecorder texts = new TextRecorder();
        figure.draw(texts);

        List<double[]> rows = new ArrayList<>();
        List<double[]> columns = new ArrayList<>();
        for (TextRecorder.Text t : texts.drawn) {
            if (!figure.axisLabels().contains(t.s())) {
                continue;
            }
            double half = height(t) / 2;
            double at = t.rotation() == 0 ? t.y() : t.x();
            (t.rotation() == 0 ? rows : columns).add(new double[] {at - half, at + half});
        }
        assertTrue(rows.size() >= 10 && columns.size() >= 10, rows.size() + " rows, " + columns.size() + " columns");
        assertApart(rows, "row");
        assertApart(columns, "column");
    }

    @Test
    void everyAxisLabelOfALongInputCarriesItsPosition() {
        List<String> labels = figure().axisLabels();
        for (int i = 0; i < labels.size(); i++) {
            assertTrue(labels.get(i).startsWith(i + " "), labels.get(i));
        }
    }

    @Test
    void zoomedInOnScreenTheTitleAndColourBarStayInTheShownPart() {
        Zoomed zoomed = zoomedIn();
        HeatmapFigure figure = zoomed.figure();
        double x = zoomed.x();
        double y = zoomed.y();
        double w = zoomed.w();
        double h = zoomed.h();
        TextRecorder texts = new TextRecorder();
        figure.draw(texts);

        TextRecorder.Text title = texts.drawn.stream().filter(t -> t.s().equals(shown.title())).findFirst()
                .orElseThrow();
        assertTrue(title.x() >= x && title.x() < x + w && title.y() >= y && title.y() < y + h, title.toString());
        List<TextRecorder.Text> scale = texts.drawn.stream().filter(t -> t.s().equals("0")
                || t.s().equals(String.format(java.util.Locale.ROOT, "%.2f", largest()))).toList();
        assertEquals(2, scale.size(), scale.toString());
        for (TextRecorder.Text t : scale) {
            assertTrue(t.x() >= x && t.x() < x + w && t.y() >= y && t.y() <= y + h, "colour bar label " + t);
        }
    }

    @Test
    void zoomedInThePointerOnAPinnedLabelOrTheColourBarReadsNoCell() {
        Zoomed on = zoomedIn();
        HeatmapFigure figure = on.figure();
        figure.draw(new TextRecorder());
        double middleY = on.y() + on.h() / 2;
        double middleX = on.x() + on.w() / 2;
        assertEquals(null, figure.cellAt(on.x() + figure.cellsLeft() / 2, middleY), "on the pinned row labels");
        assertEquals(null, figure.cellAt(middleX, on.y() + figure.cellsTop() / 2), "on the pinned column labels");
        assertEquals(null, figure.cellAt(on.x() + on.w() - 10, middleY), "on the pinned colour bar");
        int[] cell = figure.cellAt(middleX, middleY);
        assertEquals((int) ((middleY - figure.cellsTop()) / figure.cell()), cell[0]);
        assertEquals((int) ((middleX - figure.cellsLeft()) / figure.cell()), cell[1]);
    }

    /** The figure at 16 px a cell, on screen with its labels pinned, scrolled to the part (x, y, w, h). */
    private record Zoomed(HeatmapFigure figure, double x, double y, double w, double h) {
    }

    private static Zoomed zoomedIn() {
        HeatmapFigure figure = figure();
        figure.layout(16 / figure.cell());
        figure.keepLabelsInView(0xFFFFFFFF);
        Zoomed zoomed = new Zoomed(figure, figure.cellsLeft() + 200 * figure.cell(),
                figure.cellsTop() + 300 * figure.cell(), 900, 600);
        figure.labelsOnlyIn(zoomed.x(), zoomed.y(), zoomed.w(), zoomed.h());
        return zoomed;
    }

    private static float largest() {
        float max = 0;
        for (float v : shown.values()) {
            max = Math.max(max, v);
        }
        return max;
    }

    private static HeatmapFigure figure() {
        return new HeatmapFigure(shown, ColorMap.YLGNBU, 0xFF202020, new PngSurface(1, 1, 1));
    }

    /** The label's glyph box height as AWT measures it in the surface's font. */
    private static double height(TextRecorder.Text t) {
        Font font = new Font(Font.SANS_SERIF, t.bold() ? Font.BOLD : Font.PLAIN, 1).deriveFont((float) t.size());
        var metrics = font.getLineMetrics(t.s(), new FontRenderContext(null, true, true));
        return metrics.getAscent() + metrics.getDescent();
    }

    private static void assertApart(List<double[]> spans, String axis) {
        spans.sort(Comparator.comparingDouble(s -> s[0]));
        for (int i = 1; i < spans.size(); i++) {
            assertTrue(spans.get(i)[0] >= spans.get(i - 1)[1],
                    axis + " labels overlap: " + spans.get(i - 1)[1] + " > " + spans.get(i)[0]);
        }
    }
}
