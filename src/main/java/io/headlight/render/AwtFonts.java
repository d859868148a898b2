package io.headlight.render;

import java.awt.Font;
import java.awt.GraphicsEnvironment;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The font choice of PNG and SVG exports: families AWT lists, glyphs by {@link Font#canDisplay(int)}. */
final class AwtFonts {
    /**
     * A physical UI family rather than AWT's logical SansSerif: that one takes CJK glyphs from whichever CJK face
     * fontconfig sorts first for the JVM's locale (Japanese forms for Chinese text in an English locale), where
     * the screen and the chooser take the preferred fallback.
     */
    private static final String PHYSICAL_UI = "DejaVu Sans";
    private static final String LOGICAL_UI = "SansSerif";
    private static final Map<String, Font> PROBES = new ConcurrentHashMap<>();
    private static volatile FontChooser chooser;

    private AwtFonts() {
    }

    /** The chooser every PNG and SVG surface shares; listing the families takes ~0.2 s, so it is done once. */
    static FontChooser chooser() {
        FontChooser c = chooser;
        if (c == null) {
            synchronized (AwtFonts.class) {
                c = chooser;
                if (c == null) {
                    List<String> installed = List.of(
                            GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames());
                    c = chooser(installed.contains(PHYSICAL_UI) ? PHYSICAL_UI : LOGICAL_UI, installed);
                    chooser = c;
                }
            }
        }
        return c;
    }

    /** A chooser over the installed families with {@code uiFamily} first. */
    static FontChooser chooser(String uiFamily, List<String> installed) {
        return new FontChooser(uiFamily, installed,
                (family, cp) -> PROBES.computeIfAbsent(family, f -> new Font(f, Font.PLAIN, 12)).canDisplay(cp));
    }
}
