package io.headlight.render;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

import javax.xml.parsers.DocumentBuilderFactory;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PNG and SVG draw every script the installed fonts can: Chinese labels in a CJK family, not the UI font's boxes.
 * Needs a CJK family installed (fonts-noto-cjk on Debian), as the README asks.
 */
class ScriptFontsTest {
    private static final String MISSING = "\u0378\u0378";

    @Test
    void chineseLabelsDrawGlyphsInPngWhenTheUiFontHasNone() {
        String ui = AwtFonts.chooser().uiFamily();
        assertFalse(new Font(ui, Font.PLAIN, 12).canDisplay('模'), ui + " has CJK glyphs: nothing to fall back from");

        int[] model = label("模型");
        int[] explain = label("解释");
        int[] boxes = label(MISSING);

        assertFalse(Arrays.equals(model, explain), "two different Chinese words drew the same pixels (boxes)");
        assertFalse(Arrays.equals(model, boxes), "模型 drew the missing-glyph boxes");
        assertNotEquals(ui, AwtFonts.chooser().familyFor("模型"));
    }

    @Test
    void latinTextStaysInTheUiFamily() {
        assertEquals(AwtFonts.chooser().uiFamily(), AwtFonts.chooser().familyFor("[CLS] the cat"));
    }

    @Test
    void svgNamesThePngsFamilyFirstThenTheFallbacks(@TempDir Path dir) throws Exception {
        SvgFigureSurface svg = new SvgFigureSurface(200, 100, 0xFFFFFFFF);
        svg.text("模型", 10, 20, 12, false, 0xFF000000, Surface.HAlign.LEFT, Surface.VAlign.TOP, 0);
        svg.text("cat", 10, 60, 12, false, 0xFF000000, Surface.HAlign.LEFT, Surface.VAlign.TOP, 0);
        Path file = dir.resolve("f.svg");
        svg.write(file);
        var texts = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile())
                .getElementsByTagName("text");

        String chinese = ((Element) texts.item(0)).getAttribute("font-family");
        String latin = ((Element) texts.item(1)).getAttribute("font-family");
        FontChooser fonts = AwtFonts.chooser();
        assertTrue(chinese.startsWith("'" + fonts.familyFor("模型") + "', '" + fonts.uiFamily() + "'"), chinese);
        assertTrue(latin.startsWith("'" + fonts.uiFamily() + "', '" + fonts.familyFor("模型") + "'"), latin);
        assertTrue(chinese.endsWith("sans-serif") && latin.endsWith("sans-serif"), latin);
    }

    @Test
    void adviceNamesThePackageWhenNoInstalledFamilyHasTheScript() {
        FontChooser latinOnly = AwtFonts.chooser("DejaVu Sans", List.of("DejaVu Sans"));

        String advice = latinOnly.advice(List.of("[CLS]", "模型", "[SEP]"));

        assertTrue(advice.contains("模型") && advice.contains("fonts-noto-cjk"), advice);
        assertEquals("", latinOnly.advice(List.of("[CLS]", "مرحبا", "[SEP]")), "DejaVu Sans has Arabic");
        assertEquals("", AwtFonts.chooser().advice(List.of("模型")), "the installed CJK family has it");
    }

    /** The pixels of one label drawn where the heatmap draws its row labels. */
    private static int[] label(String text) {
        PngSurface png = new PngSurface(80, 30, 1);
        png.text(text, 70, 15, 11, false, 0xFF202020, Surface.HAlign.RIGHT, Surface.VAlign.MIDDLE, 0);
        BufferedImage img = png.image();
        return img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
    }
}
