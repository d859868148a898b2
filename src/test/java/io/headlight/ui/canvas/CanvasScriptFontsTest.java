package io.headlight.ui.canvas;

import javafx.scene.SnapshotParameters;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.TextField;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import io.headlight.render.Surface;

import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The screen draws Chinese with glyphs although JavaFX's own sans (fontconfig's DejaVu Sans here) has none, on the
 * canvas and in text fields. Headless (Monocle); needs a CJK family installed (fonts-noto-cjk on Debian).
 */
@ExtendWith(ApplicationExtension.class)
class CanvasScriptFontsTest {

    @Start
    void start(Stage stage) {
    }

    @Test
    void chineseLabelsDrawGlyphsOnTheCanvasWhenTheUiFontHasNone() {
        onFx(() -> {
            assertFalse(FxFonts.has(FxFonts.CANVAS_FAMILY, '模'), "JavaFX's sans has CJK: nothing to fall back from");
            int[] model = label("模型");
            int[] explain = label("解释");
            int[] boxes = label("\u0378\u0378");

            assertFalse(Arrays.equals(model, explain), "two different Chinese words drew the same pixels (boxes)");
            assertFalse(Arrays.equals(model, boxes), "模型 drew the missing-glyph boxes");
            return null;
        });
    }

    @Test
    void aTextFieldTakesAFamilyWithTheGlyphsOnlyWhileItsTextNeedsOne() {
        onFx(() -> {
            TextField field = new TextField("the cat");
            FxFonts.follow(field, field.textProperty());
            assertEquals("", field.getStyle());

            field.setText("我 喜欢 北京");
            String family = FxFonts.forControls(javafx.scene.text.Font.getDefault().getFamily()).familyFor("我 喜欢 北京");
            assertTrue(field.getStyle().contains("\"" + family + "\""), field.getStyle());
            assertTrue(FxFonts.has(family, '喜'), family);

            field.setText("the dog");
            assertEquals("", field.getStyle());
            return null;
        });
    }

    /** The pixels of one label drawn through the canvas surface where the heatmap draws its row labels. */
    private static int[] label(String text) {
        Canvas canvas = new Canvas(80, 30);
        var gc = canvas.getGraphicsContext2D();
        gc.setFill(Color.WHITE);
        gc.fillRect(0, 0, 80, 30);
        new CanvasSurface(gc).text(text, 70, 15, 11, false, 0xFF202020, Surface.HAlign.RIGHT, Surface.VAlign.MIDDLE,
                0);
        WritableImage img = canvas.snapshot(new SnapshotParameters(), null);
        int[] px = new int[80 * 30];
        img.getPixelReader().getPixels(0, 0, 80, 30, javafx.scene.image.PixelFormat.getIntArgbInstance(), px, 0, 80);
        return px;
    }

    private static <T> T onFx(Callable<T> work) {
        try {
            return WaitForAsyncUtils.asyncFx(work).get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof AssertionError a) {
                throw a;
            }
            throw new AssertionError(e.getCause());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
