package io.headlight.render;

import io.headlight.analysis.HeadStat;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StatGridFigureTest {
    private static final int FG = 0xFF202020;
    private static final int ACCENT = 0xFFD9480F;

    private static BufferedImage draw(StatGridFigure figure) {
        PngSurface png = new PngSurface((int) Math.ceil(figure.width()), (int) Math.ceil(figure.height()), 1,
                0xFFFFFFFF);
        figure.draw(png);
        return png.image();
    }

    @Test
    void aColourBarRunsFromTheHighestHeadAtTheTopToTheLowestAtTheBottom() {
        float[][] values = {{0.2f, 0.9f, 0.4f}, {0.5f, 0.3f, 0.6f}};
        StatGridFigure figure = new StatGridFigure("m · " + HeadStat.ENTROPY.title() + " per head", values,
                ColorMap.VIRIDIS, FG, ACCENT, -1, -1);
        BufferedImage image = draw(figure);
        int x = (int) figure.barX() + 7;
        double top = figure.centerY(0) - 23;
        double bottom = figure.centerY(1) + 21;
        // The bar has 64 steps drawn over ~90 px: the pixels next to its ends are within a step of the ends.
        assertTrue(lutIndex(image.getRGB(x, (int) top + 1)) >= 250, "top of the bar is the high end");
        assertTrue(lutIndex(image.getRGB(x, (int) bottom - 2)) <= 5, "bottom of the bar is the low end");
    }

    private static int lutIndex(int argb) {
        int[] table = ColorMap.VIRIDIS.table();
        for (int i = 0; i < table.length; i++) {
            if (table[i] == argb) {
                return i;
            }
        }
        throw new AssertionError(Integer.toHexString(argb) + " is not a viridis colour");
    }

    @Test
    void theSelectedHeadIsOutlinedInTheAccent() {
        float[][] values = {{0.2f, 0.9f}, {0.5f, 0.3f}};
        StatGridFigure figure = new StatGridFigure("t", values, ColorMap.YLGNBU, FG, ACCENT, 1, 0);
        BufferedImage image = draw(figure);
        assertEquals(ACCENT, image.getRGB((int) figure.centerX(0), (int) (figure.centerY(1) - 24)));
        assertTrue(image.getRGB((int) figure.centerX(1), (int) (figure.centerY(0) - 24)) != ACCENT);
    }

    @Test
    void aLongTitleWidensTheFigureInsteadOfBeingCut() {
        String title = "bge-small-en-v1.5 · " + HeadStat.PREV.title() + " per head";
        StatGridFigure figure = new StatGridFigure(title, new float[][] {{0.1f, 0.2f}}, ColorMap.YLGNBU, FG, ACCENT,
                -1, -1);
        assertTrue(figure.width() >= 44 + new PngSurface(1, 1, 1).textWidth(title, 13, true), "" + figure.width());
    }
}
