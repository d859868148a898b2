package io.headlight.ui.canvas;

import io.headlight.render.FontChooser;
import javafx.beans.InvalidationListener;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Bounds;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.ListCell;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.scene.text.TextBoundsType;

import java.util.HashMap;
import java.util.Map;

/**
 * The screen's font choice: JavaFX's installed families, probed once, and whether a family has a glyph told by
 * its ink bounds. A glyph the font lacks is drawn as the font's missing-glyph box, whose bounds are the same for
 * every missing character, so a character whose bounds equal those of an unassigned code point is missing. This
 * needs no AWT and no rendering; it costs ~0.2 ms per family and character, once. FX thread only.
 */
public final class FxFonts {
    /** The canvas's UI family: JavaFX's logical sans, which on Linux is fontconfig's {@code sans}. */
    public static final String CANVAS_FAMILY = "SansSerif";
    /** Unassigned in every Unicode version so far, so no font maps it: it shows the missing-glyph box. */
    private static final String UNASSIGNED = "\u0378";
    private static final double PROBE_SIZE = 64;
    private static FontChooser canvas;
    private static final Map<String, FontChooser> controls = new HashMap<>();
    private static final Map<String, Bounds> missingBox = new HashMap<>();
    private static final Map<String, Font[]> fonts = new HashMap<>();
    private static final Text probe = new Text();

    private FxFonts() {
    }

    /** The chooser the canvases draw with. */
    public static FontChooser canvas() {
        if (canvas == null) {
            canvas = new FontChooser(CANVAS_FAMILY, Font.getFamilies(), FxFonts::has);
        }
        return canvas;
    }

    /** A chooser whose UI family is a control's own (the {@code System} font of text fields and labels). */
    public static FontChooser forControls(String uiFamily) {
        return controls.computeIfAbsent(uiFamily, f -> new FontChooser(f, Font.getFamilies(), FxFonts::has));
    }

    /**
     * Keeps {@code control} in a family that draws {@code text}: its own font while that has the glyphs, otherwise
     * the chooser's fallback (JavaFX's CSS takes one family, not a list, so the family is set per text).
     */
    public static void follow(Control control, ObservableValue<String> text) {
        InvalidationListener update = obs -> {
            FontChooser chooser = forControls(Font.getDefault().getFamily());
            String t = text.getValue();
            String family = t == null ? chooser.uiFamily() : chooser.familyFor(t);
            control.setStyle(family.equals(chooser.uiFamily()) ? "" : "-fx-font-family: \"" + family + "\";");
        };
        text.addListener(update);
        update.invalidated(text);
    }

    /**
     * As {@link #follow}, for each cell of {@code box}'s list and for the cell its button shows the value in: a font
     * set on the combo box itself does not reach them, which showed a Chinese query token as a box.
     */
    public static <T> void followCells(ComboBox<T> box) {
        box.setCellFactory(list -> followingCell());
        // The button's cell is not given the list to read its item from, so it shows the value itself.
        ListCell<T> button = new ListCell<>();
        InvalidationListener show = obs -> button.setText(box.getValue() == null ? null : box.getValue().toString());
        box.valueProperty().addListener(show);
        show.invalidated(box.valueProperty());
        follow(button, button.textProperty());
        box.setButtonCell(button);
    }

    private static <T> ListCell<T> followingCell() {
        ListCell<T> cell = new ListCell<>() {
            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.toString());
            }
        };
        follow(cell, cell.textProperty());
        return cell;
    }

    /** {@code family} at {@code size}, kept: a canvas frame asks for the same few fonts a thousand times. */
    static Font font(String family, double size, boolean bold) {
        int px = (int) Math.round(size * 2);
        if (px < 0 || px >= 64 || size * 2 != px) {
            return Font.font(family, bold ? FontWeight.BOLD : FontWeight.NORMAL, size);
        }
        Font[] sizes = fonts.computeIfAbsent(family, f -> new Font[2 * 64]);
        int k = px * 2 + (bold ? 1 : 0);
        if (sizes[k] == null) {
            sizes[k] = Font.font(family, bold ? FontWeight.BOLD : FontWeight.NORMAL, size);
        }
        return sizes[k];
    }

    static boolean has(String family, int codePoint) {
        Font font = Font.font(family, PROBE_SIZE);
        Bounds box = missingBox.computeIfAbsent(family, f -> inkBounds(font, UNASSIGNED));
        return !inkBounds(font, new String(Character.toChars(codePoint))).equals(box);
    }

    private static Bounds inkBounds(Font font, String s) {
        probe.setBoundsType(TextBoundsType.VISUAL);
        probe.setFont(font);
        probe.setText(s);
        return probe.getLayoutBounds();
    }
}
