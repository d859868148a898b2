package io.headlight.render;

import io.headlight.model.AttentionResult;
import io.headlight.model.SharedModels;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The values printed in the cells of a short input are each cell's weight to two decimals, as "%.2f" rounds. */
class HeatmapCellTextTest {
    @Test
    void everyCellPrintsItsWeightRoundedToTwoDecimalsWithoutTheLeadingZero() throws Exception {
        AttentionResult r = SharedModels.get("all-MiniLM-L6-v2").explain("The cat sat on the mat because it was warm.",
                null);
        List<String> expected = new ArrayList<>();
        List<String> printed = new ArrayList<>();
        for (int head = 0; head < r.heads(); head++) {
            ShownMatrix m = ShownMatrix.of(r, 4, head, false, false, false, false, "", null);
            HeatmapFigure figure = new HeatmapFigure(m, ColorMap.YLGNBU, 0xFF000000, new PngSurface(1, 1, 1));
            TextRecorder s = new TextRecorder();
            figure.draw(s);
            s.drawn.stream().filter(t -> t.size() == 9).map(TextRecorder.Text::s).forEach(printed::add);
            for (float v : m.values()) {
                String text = String.format(Locale.ROOT, "%.2f", v);
                expected.add(text.equals("1.00") ? "1" : text.substring(1));
            }
        }
        assertEquals(expected, printed);
    }
}
