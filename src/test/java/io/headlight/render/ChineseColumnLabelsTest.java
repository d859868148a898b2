package io.headlight.render;

import io.headlight.model.AttentionResult;
import io.headlight.model.HeadlightException;
import io.headlight.model.SharedModels;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Chinese column labels of the heatmap read upright, one character above the next, as vertical Chinese is set;
 * turned by 90 degrees, as Latin labels are, they lay on their side. Word level on bge-small-zh-v1.5, so a label
 * holds a word of two characters.
 */
class ChineseColumnLabelsTest {
    private static final String TEXT = "我 喜欢 北京 的 秋天";
    private static ShownMatrix shown;

    @BeforeAll
    static void explain() throws HeadlightException {
        AttentionResult r = SharedModels.get("bge-small-zh-v1.5").explain(TEXT, null);
        shown = ShownMatrix.of(r, 2, 1, false, false, false, true, TEXT, null);
    }

    @Test
    void eachCharacterOfAChineseColumnLabelIsDrawnUprightAboveTheNext() {
        HeatmapFigure figure = new HeatmapFigure(shown, ColorMap.YLGNBU, 0xFF000000, new PngSurface(1, 1, 1));
        TextRecorder s = new TextRecorder();
        figure.draw(s);
        int column = shown.labels().indexOf("北京");
        assertTrue(column > 0, shown.labels().toString());
        double x = figure.cellsLeft() + (column + 0.5) * figure.cell();

        List<TextRecorder.Text> above = s.drawn.stream()
                .filter(t -> Math.abs(t.x() - x) < 0.01 && t.y() < figure.cellsTop())
                .sorted(Comparator.comparingDouble(TextRecorder.Text::y)).toList();

        assertEquals(List.of("北", "京"), above.stream().map(TextRecorder.Text::s).toList());
        assertTrue(above.stream().allMatch(t -> t.rotation() == 0), above.toString());
        assertTrue(above.get(0).y() + 11 <= above.get(1).y(), "北 sits a line above 京: " + above);
    }

    @Test
    void latinColumnLabelsStayTurned() {
        HeatmapFigure figure = new HeatmapFigure(shown, ColorMap.YLGNBU, 0xFF000000, new PngSurface(1, 1, 1));
        TextRecorder s = new TextRecorder();
        figure.draw(s);
        double x = figure.cellsLeft() + 0.5 * figure.cell();

        List<TextRecorder.Text> cls = s.drawn.stream()
                .filter(t -> Math.abs(t.x() - x) < 0.01 && t.y() < figure.cellsTop()).toList();

        assertEquals(1, cls.size(), cls.toString());
        assertEquals("[CLS]", cls.get(0).s());
        assertEquals(-90, cls.get(0).rotation());
    }

    @Test
    void theSvgTurnsNoChineseText(@TempDir Path dir) throws Exception {
        HeatmapFigure figure = new HeatmapFigure(shown, ColorMap.YLGNBU, 0xFF000000, new PngSurface(1, 1, 1));
        SvgFigureSurface svg = new SvgFigureSurface((int) Math.ceil(figure.width()), (int) Math.ceil(figure.height()),
                0xFFFFFFFF);
        figure.draw(svg);
        Path file = dir.resolve("zh.svg");
        svg.write(file);

        Matcher text = Pattern.compile("<text[^>]*>([^<]*)</text>").matcher(Files.readString(file));
        int chinese = 0;
        while (text.find()) {
            if (ColumnLabel.upright(text.group(1))) {
                chinese++;
                assertFalse(text.group().contains("rotate("), text.group());
            }
        }
        // Rows and columns: each of the five words at least twice.
        assertTrue(chinese >= 10, "Chinese texts in the SVG: " + chinese);
    }

    @Test
    void theLabelStripIsTallEnoughForTheTallestStack() {
        HeatmapFigure figure = new HeatmapFigure(shown, ColorMap.YLGNBU, 0xFF000000, new PngSurface(1, 1, 1));
        TextRecorder s = new TextRecorder();
        figure.draw(s);
        double titleBottom = 8 + 13;

        assertTrue(s.drawn.stream().filter(t -> t.rotation() == 0 && ColumnLabel.upright(t.s())
                        && t.y() < figure.cellsTop()).allMatch(t -> t.y() - 6 > titleBottom),
                "a stacked character reaches into the title");
    }
}
