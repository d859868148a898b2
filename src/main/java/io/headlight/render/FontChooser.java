package io.headlight.render;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Picks a font family for each piece of text by what the installed families can draw, not by their names: the UI
 * family when it has every glyph, otherwise the first installed fallback that has them all. A default Debian
 * fontconfig answers DejaVu Sans for {@code sans:lang=zh} even with Noto Sans CJK installed, so a toolkit left to
 * itself draws Chinese tokens as boxes.
 *
 * <p>What a family can draw is asked once per family and code point through {@link Glyphs} (AWT for PNG, JavaFX for
 * the screen) and kept. Thread-safe: PNG exports run off the UI thread.
 */
public final class FontChooser {
    /**
     * Families that cover scripts a Latin UI font lacks, in order of preference; Simplified Chinese first, since
     * the bundled Chinese model reads it. Whichever of them is installed is tried; the rest of the installed
     * families come after them as a last resort.
     */
    public static final List<String> PREFERRED = List.of(
            "Noto Sans CJK SC", "Source Han Sans SC", "Source Han Sans CN", "Noto Sans SC", "WenQuanYi Zen Hei",
            "WenQuanYi Micro Hei", "Droid Sans Fallback", "Noto Sans CJK TC", "Noto Sans CJK JP", "Noto Sans CJK KR",
            "Source Han Sans", "AR PL UMing CN", "Noto Sans", "Noto Sans Arabic", "Noto Sans Devanagari",
            "Noto Sans Hebrew", "Noto Sans Thai", "Noto Sans Bengali", "Noto Sans Tamil", "Lohit Devanagari",
            "FreeSans", "Unifont");

    /** Whether a family draws a code point with a glyph of its own (or its toolkit's fallback), not a box. */
    public interface Glyphs {
        boolean has(String family, int codePoint);
    }

    private final String uiFamily;
    private final List<String> candidates;
    private final List<String> preferredInstalled;
    private final Glyphs glyphs;
    private final Map<String, BitSet[]> known = new HashMap<>();
    private final Map<String, String> chosen = new HashMap<>();

    /**
     * @param uiFamily  the family text is drawn in when it can be
     * @param installed the families the toolkit lists (fallbacks are only ever taken from these)
     */
    public FontChooser(String uiFamily, Collection<String> installed, Glyphs glyphs) {
        this.uiFamily = uiFamily;
        this.glyphs = glyphs;
        Set<String> present = new LinkedHashSet<>(installed);
        List<String> preferred = new ArrayList<>();
        for (String f : PREFERRED) {
            if (present.contains(f) && !f.equals(uiFamily)) {
                preferred.add(f);
            }
        }
        this.preferredInstalled = List.copyOf(preferred);
        Set<String> all = new LinkedHashSet<>();
        all.add(uiFamily);
        all.addAll(preferred);
        all.addAll(present);
        this.candidates = List.copyOf(all);
    }

    public String uiFamily() {
        return uiFamily;
    }

    /** The family to draw {@code text} in: the UI family, the first fallback that covers it, or the closest one. */
    public synchronized String familyFor(String text) {
        String f = chosen.get(text);
        if (f == null) {
            f = choose(text);
            if (chosen.size() > 8192) {
                chosen.clear();
            }
            chosen.put(text, f);
        }
        return f;
    }

    /**
     * The families an SVG should name for {@code text}, best first: the one {@link #familyFor} picks, then the UI
     * family and the installed preferred fallbacks, so a viewer without the first falls back the same way.
     */
    public List<String> familyListFor(String text) {
        Set<String> list = new LinkedHashSet<>();
        list.add(familyFor(text));
        list.add(uiFamily);
        list.addAll(preferredInstalled);
        return List.copyOf(list);
    }

    /** Whether some installed family draws every character of {@code text}. */
    public synchronized boolean covers(String text) {
        return missing(familyFor(text), text) == 0;
    }

    /**
     * What to tell the user when some of {@code texts} cannot be drawn by any installed family, naming the first
     * such text and the Debian/Ubuntu package that has its script; empty when all can be drawn.
     */
    public String advice(Collection<String> texts) {
        for (String t : texts) {
            if (!covers(t)) {
                int cp = firstMissing(familyFor(t), t);
                Character.UnicodeScript script = Character.UnicodeScript.of(cp);
                return "no installed font shows \u201c" + t + "\u201d (" + scriptName(script) + "): install "
                        + packageFor(script);
            }
        }
        return "";
    }

    /** The package that holds a font for {@code script} on Debian and Ubuntu. */
    static String packageFor(Character.UnicodeScript script) {
        return switch (script) {
            case HAN, HIRAGANA, KATAKANA, HANGUL, BOPOMOFO -> "fonts-noto-cjk";
            default -> "fonts-noto-core";
        };
    }

    private static String scriptName(Character.UnicodeScript script) {
        String s = script.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private String choose(String text) {
        if (missing(uiFamily, text) == 0) {
            return uiFamily;
        }
        String best = uiFamily;
        int fewest = Integer.MAX_VALUE;
        for (String f : candidates) {
            int m = missing(f, text);
            if (m == 0) {
                return f;
            }
            if (m < fewest) {
                fewest = m;
                best = f;
            }
        }
        return best;
    }

    private int missing(String family, String text) {
        int count = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (!has(family, cp)) {
                count++;
            }
        }
        return count;
    }

    private int firstMissing(String family, String text) {
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (!has(family, cp)) {
                return cp;
            }
        }
        return ' ';
    }

    private boolean has(String family, int cp) {
        if (drawsNothing(cp)) {
            return true;
        }
        BitSet[] sets = known.computeIfAbsent(family, f -> new BitSet[] {new BitSet(), new BitSet()});
        if (!sets[0].get(cp)) {
            sets[0].set(cp);
            sets[1].set(cp, glyphs.has(family, cp));
        }
        return sets[1].get(cp);
    }

    /** Spaces, controls, joiners and variation selectors have no glyph to miss. */
    private static boolean drawsNothing(int cp) {
        int type = Character.getType(cp);
        return Character.isWhitespace(cp) || Character.isSpaceChar(cp) || type == Character.CONTROL
                || type == Character.FORMAT || (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF);
    }
}
