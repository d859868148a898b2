package io.headlight.render;

import io.headlight.model.AttentionModel;
import io.headlight.model.AttentionResult;
import io.headlight.model.SharedModels;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ComparisonFigureTest {
    private static final int FG = 0xFF202020;

    private static ShownMatrix head(AttentionResult r, String text) {
        return ShownMatrix.of(r, 3, 7, false, false, false, false, text, null);
    }

    @Test
    void differenceIsFirstMinusSecondForEveryCell() throws Exception {
        AttentionModel model = SharedModels.get("all-MiniLM-L6-v2");
        AttentionResult a = model.explain("The cat sat on the mat.", null);
        AttentionResult b = model.explain("The dog sat on the rug.", null);
        assertEquals(a.length(), b.length(), "the two sentences were chosen to tokenize to equal lengths");
        ComparisonFigure figure = new ComparisonFigure(head(a, "x"), head(b, "y"), ColorMap.YLGNBU, FG,
                new PngSurface(1, 1, 1));
        ShownMatrix diff = figure.difference();
        assertNotNull(diff);
        int t = a.length();
        for (int q = 0; q < t; q++) {
            for (int k = 0; k < t; k++) {
                assertEquals(a.attention(3, 7, q, k) - b.attention(3, 7, q, k), diff.at(q, k), 1e-7f);
            }
        }
        assertEquals("cat / dog", diff.labels().get(2));
        assertEquals("", figure.note());
    }

    @Test
    void unequalLengthsGiveANoteInsteadOfADifference() throws Exception {
        AttentionModel model = SharedModels.get("all-MiniLM-L6-v2");
        AttentionResult a = model.explain("The cat sat.", null);
        AttentionResult b = model.explain("The cat sat on the mat.", null);
        ComparisonFigure figure = new ComparisonFigure(head(a, "x"), head(b, "y"), ColorMap.YLGNBU, FG,
                new PngSurface(1, 1, 1));
        assertNull(figure.difference());
        assertTrue(figure.note().contains(a.length() + " and " + b.length() + " tokens"), figure.note());
    }

    @Test
    void aSignedMatrixIsCentredOnZeroOfTheDivergingMap() {
        ShownMatrix m = new ShownMatrix(new float[] {-0.5f, 0f, 0f, 0.5f}, 2, List.of("a", "b"), "d", "", null);
        HeatmapFigure figure = new HeatmapFigure(m, ColorMap.RDBU_R, FG, new PngSurface(1, 1, 1));
        PngSurface png = new PngSurface((int) Math.ceil(figure.width()), (int) Math.ceil(figure.height()), 1,
                0xFFFFFFFF);
        figure.draw(png);
        assertEquals(ColorMap.RDBU_R.argb(0.0), pixelOfCell(figure, png.image(), 0, 0));
        assertEquals(ColorMap.RDBU_R.argb(0.5), pixelOfCell(figure, png.image(), 0, 1));
        assertEquals(ColorMap.RDBU_R.argb(1.0), pixelOfCell(figure, png.image(), 1, 1));
    }

    /** A pixel near the corner of a cell, away from the value printed in its middle. */
    private static int pixelOfCell(HeatmapFigure figure, BufferedImage image, int query, int key) {
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int[] cell = figure.cellAt(x, y);
                if (cell != null && cell[0] == query && cell[1] == key) {
                    return image.getRGB(x + 2, y + 2);
                }
            }
        }
        throw new AssertionError("no cell " + query + "," + key);
    }
}
