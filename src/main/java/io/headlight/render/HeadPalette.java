package io.headlight.render;

/**
 * One colour per attention head for the head view, distinct for 12 heads and safe for colour-blind readers.
 *
 * <p>The first eight are Okabe &amp; Ito's palette (Color Universal Design, 2008) with black swapped for Paul
 * Tol's dark grey so lines stay visible on dark themes; the next four are from Paul Tol's "muted" scheme
 * (personal.sron.nl/~pault), chosen to sit apart from the first eight. Past 16 heads colours repeat
 * (bertviz repeats after 10).
 */
public final class HeadPalette {
    private static final int[] COLORS = {
        0xffE69F00, // orange
        0xff56B4E9, // sky blue
        0xff009E73, // bluish green
        0xffF0E442, // yellow
        0xff0072B2, // blue
        0xffD55E00, // vermillion
        0xffCC79A7, // reddish purple
        0xff4D4D4D, // dark grey (Tol), in place of Okabe-Ito black
        0xff882255, // wine (Tol muted)
        0xff44AA99, // teal (Tol muted)
        0xff999933, // olive (Tol muted)
        0xff332288, // indigo (Tol muted)
        0xffAA4499, // purple (Tol muted)
        0xff88CCEE, // cyan (Tol muted)
        0xffDDCC77, // sand (Tol muted)
        0xff117733, // green (Tol muted)
    };

    private HeadPalette() {
    }

    /** Number of distinct colours before they repeat. */
    public static int size() {
        return COLORS.length;
    }

    /** Opaque ARGB colour of head {@code head}. */
    public static int color(int head) {
        return COLORS[Math.floorMod(head, COLORS.length)];
    }
}
