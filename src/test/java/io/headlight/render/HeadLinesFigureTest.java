package io.headlight.render;

import io.headlight.model.AttentionResult;
import io.headlight.model.HeadlightException;
import io.headlight.model.SharedModels;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The head view's pair filter, drawn from a real sentence pair, at token and at word level. */
class HeadLinesFigureTest {
    private static final String A = "The cat sat on the mat.";
    private static final String B = "Unbelievably, it stayed there.";
    private static AttentionResult pair;

    @BeforeAll
    static void explain() throws HeadlightException {
        pair = SharedModels.get("all-MiniLM-L6-v2").explain(A, B);
    }

    @Test
    void theFourDirectionsPartitionTheLinesOfTokens(@TempDir Path dir) throws Exception {
        assertFiltersPartition(ShownMatrix.of(pair, 1, 3, false, false, false, false, A, B), dir);
    }

    @Test
    void theFourDirectionsPartitionTheLinesOfWords(@TempDir Path dir) throws Exception {
        ShownMatrix words = ShownMatrix.of(pair, 1, 3, false, false, false, true, A, B);
        assertTrue(words.size() < pair.length(), "word pieces were merged");
        assertFiltersPartition(words, dir);
    }

    private static void assertFiltersPartition(ShownMatrix m, Path dir) throws Exception {
        int all = lines(m, PairFilter.ALL, dir);
        int aToB = lines(m, PairFilter.A_TO_B, dir);
        int bToA = lines(m, PairFilter.B_TO_A, dir);
        int within = lines(m, PairFilter.A_TO_A, dir) + lines(m, PairFilter.B_TO_B, dir);
        assertTrue(aToB > 0 && bToA > 0, "lines cross between the sentences");
        assertTrue(aToB < all && bToA < all, "a direction draws only part of the lines");
        assertEquals(all, aToB + bToA + within, "every line belongs to exactly one direction");
    }

    private static int lines(ShownMatrix m, PairFilter filter, Path dir) throws Exception {
        SvgFigureSurface measure = new SvgFigureSurface(1, 1, 0xFFFFFFFF);
        HeadLinesFigure figure = new HeadLinesFigure(List.of(m), new int[] {3}, filter, 0xFF202020, "pair", measure);
        SvgFigureSurface svg = new SvgFigureSurface(figure.width(), figure.height(), 0xFFFFFFFF);
        figure.draw(svg);
        Path file = dir.resolve(filter.name() + ".svg");
        svg.write(file);
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile())
                .getElementsByTagName("line").getLength();
    }
}
