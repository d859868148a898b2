package io.headlight.render;

import java.util.ArrayList;
import java.util.List;

/**
 * A token label over a column: turned to read bottom to top, as in seaborn, unless it holds Chinese, Japanese or
 * Korean characters, which turned lie on their side. Those are stacked one above the other, upright, the way
 * vertical CJK is set; the position in front stands above them, its digits side by side in one line of the stack,
 * so "12 北京" still names column 12.
 */
final class ColumnLabel {
    /** Each stacked character takes the font size and this much more, so characters do not touch. */
    private static final double STACK_LEADING = 1;
    /** Smallest size a position's digits are shrunk to, so that "511" still fits a character's width. */
    private static final double MIN_NUMBER_FONT = 7;

    private ColumnLabel() {
    }

    /** Whether {@code label} is drawn stacked and upright rather than turned. */
    static boolean upright(String label) {
        return label.codePoints().anyMatch(ColumnLabel::isCjk);
    }

    private static boolean isCjk(int cp) {
        Character.UnicodeScript script = Character.UnicodeScript.of(cp);
        Character.UnicodeBlock block = Character.UnicodeBlock.of(cp);
        return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.HANGUL
                || script == Character.UnicodeScript.BOPOMOFO
                || block == Character.UnicodeBlock.CJK_SYMBOLS_AND_PUNCTUATION
                || block == Character.UnicodeBlock.HALFWIDTH_AND_FULLWIDTH_FORMS;
    }

    /** How far the label reaches up from the cells: its width when turned, its stack's height when upright. */
    static double extent(String label, double fontSize, Surface measure) {
        if (!upright(label)) {
            return measure.textWidth(label, fontSize, false);
        }
        return units(label).stream().mapToDouble(u -> pitch(u, fontSize)).sum();
    }

    /** Draws the label above a column centred on {@code x}, its end {@code bottom} (the cells' side). */
    static void draw(Surface s, String label, double x, double bottom, double fontSize, boolean bold, int argb) {
        if (!upright(label)) {
            s.text(label, x, bottom, fontSize, bold, argb, Surface.HAlign.LEFT, Surface.VAlign.MIDDLE, -90);
            return;
        }
        List<String> units = units(label);
        double y = bottom;
        for (int i = units.size() - 1; i >= 0; i--) {
            String u = units.get(i);
            double p = pitch(u, fontSize);
            if (!u.isBlank()) {
                s.text(u, x, y - p / 2, sizeOf(u, fontSize, s), bold, argb, Surface.HAlign.CENTER,
                        Surface.VAlign.MIDDLE, 0);
            }
            y -= p;
        }
    }

    /** A space between the position and the token takes half a line, as in vertical setting. */
    private static double pitch(String unit, double fontSize) {
        return unit.isBlank() ? fontSize / 2 : fontSize + STACK_LEADING;
    }

    /**
     * A position's digits stand side by side in one line of the stack (as vertical Chinese sets a number), made
     * smaller when they would be wider than a character.
     */
    private static double sizeOf(String unit, double fontSize, Surface s) {
        if (unit.length() < 2 || !Character.isDigit(unit.charAt(0))) {
            return fontSize;
        }
        double w = s.textWidth(unit, fontSize, false);
        return w <= fontSize + 2 ? fontSize : Math.max(MIN_NUMBER_FONT, fontSize * (fontSize + 2) / w);
    }

    /** Each character on its own, except a run of digits, which stays one. */
    private static List<String> units(String label) {
        List<String> out = new ArrayList<>();
        int[] cps = label.codePoints().toArray();
        for (int i = 0; i < cps.length; i++) {
            int j = i;
            while (j + 1 < cps.length && isAsciiDigit(cps[i]) && isAsciiDigit(cps[j + 1])) {
                j++;
            }
            out.add(new String(cps, i, j - i + 1));
            i = j;
        }
        return out;
    }

    private static boolean isAsciiDigit(int cp) {
        return cp >= '0' && cp <= '9';
    }
}
