package io.headlight.render;

import io.headlight.model.AttentionResult;
import io.headlight.model.HeadlightException;
import io.headlight.model.SharedModels;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

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

    @Test
    void theLegendSaysWhatWasMergedAndFiltered(@TempDir Path dir) throws Exception {
        ShownMatrix words = ShownMatrix.of(pair, 1, 3, false, false, true, true, A, B);

        String filtered = legend(draw(words, PairFilter.B_TO_A, dir));
        String all = legend(draw(words, PairFilter.ALL, dir));

        assertTrue(filtered.contains(words.note()), filtered);
        assertTrue(filtered.contains("B → A lines only"), filtered);
        assertTrue(all.contains(words.note()) && !all.contains("lines only"), all);
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
        return draw(m, filter, dir).getElementsByTagName("line").getLength();
    }

    /** Every text the figure drew, one per line. */
    private static String legend(Document svg) {
        NodeList texts = svg.getElementsByTagName("text");
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < texts.getLength(); i++) {
            all.append(texts.item(i).getTextContent()).append('\n');
        }
        return all.toString();
    }

    private static Document draw(ShownMatrix m, PairFilter filter, Path dir) throws Exception {
        SvgFigureSurface measure = new SvgFigureSurface(1, 1, 0xFFFFFFFF);
        HeadLinesFigure figure = new HeadLinesFigure(List.of(m), new int[] {3}, filter, 0xFF202020, "pair", measure);
        SvgFigureSurface svg = new SvgFigureSurface(figure.width(), figure.height(), 0xFFFFFFFF);
        figure.draw(svg);
        Path file = dir.resolve(filter.name() + "-" + m.size() + ".svg");
        svg.write(file);
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    }
}
