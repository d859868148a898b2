package io.headlight.render;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SVG that renders the same in browsers, librsvg and editors, which disagree on dominant-baseline. */
class SvgFigureSurfaceTest {

    @Test
    void textIsPlacedOnItsBaselineFromTheAnchor(@TempDir Path dir) throws Exception {
        SvgFigureSurface svg = new SvgFigureSurface(200, 100, 0xFFFFFFFF);
        for (Surface.VAlign v : Surface.VAlign.values()) {
            svg.text(v.name(), 10, 50, 12, false, 0xFF000000, Surface.HAlign.LEFT, v, 0);
        }
        Document doc = write(svg, dir);

        NodeList texts = doc.getElementsByTagName("text");
        double top = y(texts, 0);
        double middle = y(texts, 1);
        double baseline = y(texts, 2);
        double bottom = y(texts, 3);
        assertEquals(50, baseline, 1e-9, "a baseline anchor is the baseline");
        assertTrue(top > middle && middle > baseline && baseline > bottom,
                "top " + top + ", middle " + middle + ", bottom " + bottom);
        assertEquals(50 + PngSurface.baselineShift("TOP", 12, false, Surface.VAlign.TOP), top, 1e-3, "as the PNG places it");
        for (int i = 0; i < texts.getLength(); i++) {
            assertFalse(((Element) texts.item(i)).hasAttribute("dominant-baseline"));
        }
    }

    @Test
    void pixelCellsAreDrawnWithCrispEdges(@TempDir Path dir) throws Exception {
        SvgFigureSurface svg = new SvgFigureSurface(30, 30, 0xFFFFFFFF);
        svg.image(new int[] {0xFF000000, 0xFFFF0000, 0xFF00FF00, 0xFF0000FF}, 2, 2, 0.5, 0.5, 20.3, 20.3);
        Document doc = write(svg, dir);

        Element group = (Element) doc.getElementsByTagName("g").item(0);
        assertEquals("crispEdges", group.getAttribute("shape-rendering"));
        assertEquals(4, group.getElementsByTagName("rect").getLength());
    }

    private static double y(NodeList texts, int i) {
        return Double.parseDouble(((Element) texts.item(i)).getAttribute("y"));
    }

    private static Document write(SvgFigureSurface svg, Path dir) throws Exception {
        Path file = dir.resolve("t.svg");
        svg.write(file);
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    }
}
