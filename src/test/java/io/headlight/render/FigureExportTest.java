package io.headlight.render;

import io.headlight.model.AttentionModel;
import io.headlight.model.AttentionResult;
import io.headlight.model.BundledModels;
import io.headlight.model.HeadlightException;
import io.headlight.model.ModelSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The heatmap exported the way the UI exports it, from a real result. */
class FigureExportTest {
    private static AttentionResult result;
    private static ShownMatrix shown;
    private static SurfaceExport export;

    @BeforeAll
    static void explain() throws HeadlightException {
        AttentionResult r;
        try (AttentionModel model = AttentionModel.open(ModelSource.resolve(BundledModels.DEFAULT_ID))) {
            r = model.explain("Export me as a figure.", null);
        }
        result = r;
        shown = ShownMatrix.of(r, 2, 3, false, false, false, false, "Export me as a figure.", null);
        HeatmapFigure figure = new HeatmapFigure(shown, ColorMap.YLGNBU, 0xFF202020, new PngSurface(1, 1, 1));
        export = new SurfaceExport("heatmap", figure, shown, 0xFFFFFFFF);
    }

    @Test
    void pngAtTwoTimesHasTwiceTheWidthAndHeight(@TempDir Path dir) throws Exception {
        export.writePng(dir.resolve("one.png"), 1);
        export.writePng(dir.resolve("two.png"), 2);

        BufferedImage one = ImageIO.read(dir.resolve("one.png").toFile());
        BufferedImage two = ImageIO.read(dir.resolve("two.png").toFile());
        assertEquals(2 * one.getWidth(), two.getWidth());
        assertEquals(2 * one.getHeight(), two.getHeight());
    }

    @Test
    void svgIsXmlWithOneRectPerCell(@TempDir Path dir) throws Exception {
        export.writeSvg(dir.resolve("h.svg"));

        Document svg = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(dir.resolve("h.svg").toFile());
        int rects = svg.getElementsByTagName("rect").getLength();
        int colourBarCells = 64;
        int backgroundAndBarOutline = 2;
        assertEquals(shown.size() * shown.size() + colourBarCells + backgroundAndBarOutline, rects);
    }

    @Test
    void twoDifferentHeadsGiveDifferentImages() {
        int[] a = pixels(2, 3);
        int[] b = pixels(2, 4);
        assertEquals(a.length, b.length, "the same tokens lay out the same size");
        assertFalse(Arrays.equals(a, b));
        assertArrayEquals(a, pixels(2, 3), "drawing is deterministic");
    }

    private static int[] pixels(int layer, int head) {
        ShownMatrix m = ShownMatrix.of(result, layer, head, false, false, false, false, "Export me as a figure.",
                null);
        HeatmapFigure figure = new HeatmapFigure(m, ColorMap.YLGNBU, 0xFF202020, new PngSurface(1, 1, 1));
        PngSurface png = new PngSurface((int) Math.ceil(figure.width()), (int) Math.ceil(figure.height()), 1,
                0xFFFFFFFF);
        figure.draw(png);
        BufferedImage image = png.image();
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }
}
