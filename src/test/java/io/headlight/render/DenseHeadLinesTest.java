package io.headlight.render;

import io.headlight.model.AttentionResult;
import io.headlight.model.HeadlightException;
import io.headlight.model.SharedModels;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The head view of a 512-token input, fitted as the window shows it: its lines (each query's strongest few, most of
 * them weights of a few hundredths) can be seen, and the legend says how they were drawn.
 */
class DenseHeadLinesTest {
    private static final String LONG = "the quick brown fox jumps over the lazy dog while the cat watches ".repeat(60);
    private static ShownMatrix head;

    @BeforeAll
    static void explain() throws HeadlightException {
        AttentionResult r = SharedModels.get("all-MiniLM-L6-v2").explain(LONG, null);
        assertEquals(512, r.length());
        head = ShownMatrix.of(r, 3, 2, false, false, false, false, LONG, null);
    }

    private static HeadLinesFigure fitted() {
        HeadLinesFigure figure = new HeadLinesFigure(List.of(head), new int[] {2}, PairFilter.ALL, 0xFF202020,
                "dense", new PngSurface(1, 1, 1));
        figure.layout(figure.scaleToFit(1400, 700));
        return figure;
    }

    @Test
    void theLinesArrivingAtKeysOtherThanClsAreAtLeastAFifthOpaque() {
        TextRecorder s = new TextRecorder();
        fitted().draw(s);
        assertEquals(1, s.images.size(), "the compact layout blends its lines into one image");
        int[] band = s.images.get(0);
        int w = s.imageWidths.get(0);
        int h = band.length / w;

        // The band's last column is where lines meet the key column; the rows of [CLS] at the top are left out,
        // since this head sends most queries there and those lines are strong anyway.
        int[] alphas = java.util.stream.IntStream.range(h / 50, h).map(y -> band[y * w + w - 1] >>> 24)
                .filter(a -> a > 0).sorted().toArray();
        assertTrue(alphas.length > h / 10, "lines reach " + alphas.length + " of " + h + " pixel rows");
        int median = alphas[alphas.length / 2];
        assertTrue(median >= 255 / 5, "median opacity where lines meet the keys: " + median + "/255");
    }

    @Test
    void theLegendSaysTheLinesAreTheStrongestDrawnByTheSquareRootOfTheirWeight() {
        TextRecorder s = new TextRecorder();
        fitted().draw(s);
        assertTrue(s.drawn.stream().anyMatch(t -> t.s().contains(HeadLinesFigure.DENSE_NOTE)), s.drawn.toString());
    }
}
