package io.headlight.render;

import io.headlight.model.AttentionModel;
import io.headlight.model.AttentionResult;
import io.headlight.model.SharedModels;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
        assertTrue(figure.note().contains("difference over the " + t + " corresponding tokens,"), figure.note());
    }

    @Test
    void unequalLengthsAreAlignedByTheirCommonTokens() throws Exception {
        AttentionModel model = SharedModels.get("all-MiniLM-L6-v2");
        AttentionResult a = model.explain("The cat sat.", null);
        AttentionResult b = model.explain("The cat sat on the mat.", null);
        ComparisonFigure figure = new ComparisonFigure(head(a, "x"), head(b, "y"), ColorMap.YLGNBU, FG,
                new PngSurface(1, 1, 1));
        ShownMatrix diff = figure.difference();
        assertNotNull(diff);
        assertEquals(List.of("[CLS]", "the", "cat", "sat", ".", "[SEP]"), diff.labels());
        // "." is token 4 of the first sentence and token 7 of the second.
        assertEquals(a.attention(3, 7, 2, 4) - b.attention(3, 7, 2, 7), diff.at(2, 4), 1e-7f);
        assertTrue(figure.note().contains("3 only in the second"), figure.note());
        ComparisonFigure.Hit onMat = new ComparisonFigure.Hit(1, 6, 1);
        assertEquals(String.format(java.util.Locale.ROOT, "6 mat -> 1 the: first — · second %.4f",
                b.attention(3, 7, 6, 1)), figure.readout(onMat));
    }

    @Test
    void hoverReadsTheSameTokenPairOutOfAllThreeMaps() throws Exception {
        AttentionModel model = SharedModels.get("all-MiniLM-L6-v2");
        AttentionResult a = model.explain("The cat sat.", null);
        AttentionResult b = model.explain("The cat sat on the mat.", null);
        ComparisonFigure figure = new ComparisonFigure(head(a, "x"), head(b, "y"), ColorMap.YLGNBU, FG,
                new PngSurface(1, 1, 1));
        ComparisonFigure.Hit onDot = new ComparisonFigure.Hit(2, 2, 4);
        String values = String.format(java.util.Locale.ROOT, ": first %.4f · second %.4f · difference %+.4f",
                a.attention(3, 7, 2, 4), b.attention(3, 7, 2, 7), a.attention(3, 7, 2, 4) - b.attention(3, 7, 2, 7));
        // Each map names the tokens by their own positions: "." is 4th in the first sentence, 7th in the second.
        assertEquals("2 cat -> 4 ." + values, figure.readout(onDot));
        assertEquals("2 cat -> 4 ." + values, figure.readout(new ComparisonFigure.Hit(0, 2, 4)));
        assertEquals("2 cat -> 7 ." + values, figure.readout(new ComparisonFigure.Hit(1, 2, 7)));
    }

    @Test
    void bothSentencesShareOneColourScale() {
        // The first map's largest value is 0.5, the second's 1: a 0.5 must look the same in both.
        ShownMatrix first = new ShownMatrix(new float[] {.5f, .1f, .2f, .3f}, 2, List.of("a", "b"), "1", "", null);
        ShownMatrix second = new ShownMatrix(new float[] {.5f, 1f, .2f, .3f}, 2, List.of("a", "b"), "2", "", null);
        ComparisonFigure figure = new ComparisonFigure(first, second, ColorMap.YLGNBU, FG, new PngSurface(1, 1, 1));
        assertEquals(1f, figure.sharedMax());
        assertTrue(figure.note().contains("one colour scale, 0 to 1.00"), figure.note());
        PngSurface png = new PngSurface((int) Math.ceil(figure.width()), (int) Math.ceil(figure.height()), 1,
                0xFFFFFFFF);
        figure.draw(png);
        int inFirst = pixelOfHit(figure, png.image(), 0, 0, 0);
        int inSecond = pixelOfHit(figure, png.image(), 1, 0, 0);
        assertEquals(ColorMap.YLGNBU.argb(0.5), inFirst);
        assertEquals(inFirst, inSecond);
    }

    private static int pixelOfHit(ComparisonFigure figure, BufferedImage image, int map, int query, int key) {
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                ComparisonFigure.Hit hit = figure.hitAt(x, y);
                if (hit != null && hit.equals(new ComparisonFigure.Hit(map, query, key))) {
                    return image.getRGB(x + 2, y + 2);
                }
            }
        }
        throw new AssertionError("no cell " + query + "," + key + " in map " + map);
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
