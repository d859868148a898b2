package io.headlight.render;

import java.util.Locale;

/**
 * Colour maps as 256-entry ARGB lookup tables, interpolated linearly (in sRGB, as matplotlib does) between
 * anchor colours taken from matplotlib: the ColorBrewer tables in {@code _cm.py} for YlGnBu, Greys and RdBu, and
 * every 16th entry (plus the last) of the 256-entry tables in {@code _cm_listed.py} for viridis and magma.
 */
public enum ColorMap {
    /** The classic attention figure (seaborn/matplotlib YlGnBu): pale yellow for 0, dark blue for 1. */
    YLGNBU("YlGnBu", false, hex(0xffffd9, 0xedf8b1, 0xc7e9b4, 0x7fcdbb, 0x41b6c4, 0x1d91c0, 0x225ea8, 0x253494,
            0x081d58)),
    VIRIDIS("viridis", false, rgb(
            0.267004, 0.004874, 0.329415, 0.282327, 0.094955, 0.417331, 0.278826, 0.175490, 0.483397,
            0.258965, 0.251537, 0.524736, 0.229739, 0.322361, 0.545706, 0.199430, 0.387607, 0.554642,
            0.172719, 0.448791, 0.557885, 0.149039, 0.508051, 0.557250, 0.127568, 0.566949, 0.550556,
            0.120638, 0.625828, 0.533488, 0.157851, 0.683765, 0.501686, 0.246070, 0.738910, 0.452024,
            0.369214, 0.788888, 0.382914, 0.515992, 0.831158, 0.294279, 0.678489, 0.863742, 0.189503,
            0.845561, 0.887322, 0.099702, 0.993248, 0.906157, 0.143936)),
    MAGMA("magma", false, rgb(
            0.001462, 0.000466, 0.013866, 0.039608, 0.031090, 0.133515, 0.113094, 0.065492, 0.276784,
            0.211718, 0.061992, 0.418647, 0.316654, 0.071690, 0.485380, 0.414709, 0.110431, 0.504662,
            0.512831, 0.148179, 0.507648, 0.613617, 0.181811, 0.498536, 0.716387, 0.214982, 0.475290,
            0.816914, 0.255895, 0.436461, 0.904281, 0.319610, 0.388137, 0.960949, 0.418323, 0.359630,
            0.986700, 0.535582, 0.382210, 0.996096, 0.653659, 0.446213, 0.996898, 0.769591, 0.534892,
            0.992440, 0.884330, 0.640099, 0.987053, 0.991438, 0.749504)),
    /** White for 0, black for 1 (matplotlib's Greys). */
    GREYS("greys", false, hex(0xffffff, 0xf0f0f0, 0xd9d9d9, 0xbdbdbd, 0x969696, 0x737373, 0x525252, 0x252525,
            0x000000)),
    /** Diverging, for differences: blue below the middle, white at it, red above (matplotlib's RdBu_r). */
    RDBU_R("RdBu_r", true, hex(0x053061, 0x2166ac, 0x4393c3, 0x92c5de, 0xd1e5f0, 0xf7f7f7, 0xfddbc7, 0xf4a582,
            0xd6604d, 0xb2182b, 0x67001f));

    public static final int SIZE = 256;

    private final String label;
    private final boolean diverging;
    private final int[] lut;

    ColorMap(String label, boolean diverging, int[] anchors) {
        this.label = label;
        this.diverging = diverging;
        this.lut = interpolate(anchors);
    }

    /** The name users see and type ({@code --colormap viridis}), matplotlib's spelling. */
    public String label() {
        return label;
    }

    /** Whether the map is centred (use symmetric limits around 0). */
    public boolean diverging() {
        return diverging;
    }

    /** Colour for {@code v01} in [0, 1]; values outside are clamped and NaN maps to the low end. */
    public int argb(double v01) {
        if (!(v01 > 0)) {
            return lut[0];
        }
        int i = (int) (v01 * (SIZE - 1) + 0.5);
        return lut[Math.min(i, SIZE - 1)];
    }

    /** Colour for {@code v} on the scale {@code vmin..vmax}. */
    public int argb(double v, double vmin, double vmax) {
        return argb(vmax > vmin ? (v - vmin) / (vmax - vmin) : 0);
    }

    /** A copy of the lookup table, entry 0 for the lowest value. */
    public int[] table() {
        return lut.clone();
    }

    /** The sequential maps offered for attention (the diverging one is for difference views). */
    public static ColorMap[] sequential() {
        return new ColorMap[] {YLGNBU, VIRIDIS, MAGMA, GREYS};
    }

    /** Looks a map up by its label or constant name, case-insensitively ({@code ylgnbu}, {@code viridis}). */
    public static ColorMap byName(String name) {
        for (ColorMap m : values()) {
            if (m.label.equalsIgnoreCase(name) || m.name().equalsIgnoreCase(name)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown colour map '" + name + "'; use one of ylgnbu, viridis, magma, "
                + "greys, rdbu_r");
    }

    /** Relative luminance (WCAG, sRGB linearised) of an ARGB colour, 0 for black and 1 for white. */
    public static double luminance(int argb) {
        return 0.2126 * linear((argb >> 16) & 0xff) + 0.7152 * linear((argb >> 8) & 0xff)
                + 0.0722 * linear(argb & 0xff);
    }

    /** Black or white, whichever reads better on {@code background}. */
    public static int textColorOn(int background) {
        return luminance(background) > 0.30 ? 0xff1a1a1a : 0xffffffff;
    }

    @Override
    public String toString() {
        return label.toLowerCase(Locale.ROOT);
    }

    private static double linear(int c) {
        double s = c / 255.0;
        return s <= 0.04045 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4);
    }

    private static int[] interpolate(int[] anchors) {
        int[] out = new int[SIZE];
        int segments = anchors.length - 1;
        for (int i = 0; i < SIZE; i++) {
            double pos = (double) i / (SIZE - 1) * segments;
            int k = Math.min((int) pos, segments - 1);
            double f = pos - k;
            int a = anchors[k];
            int b = anchors[k + 1];
            out[i] = 0xff000000 | mix(a >> 16, b >> 16, f) << 16 | mix(a >> 8, b >> 8, f) << 8 | mix(a, b, f);
        }
        return out;
    }

    private static int mix(int a, int b, double f) {
        return (int) Math.round((a & 0xff) * (1 - f) + (b & 0xff) * f);
    }

    private static int[] hex(int... rgb) {
        return rgb;
    }

    private static int[] rgb(double... triples) {
        int[] out = new int[triples.length / 3];
        for (int i = 0; i < out.length; i++) {
            out[i] = (int) Math.round(triples[3 * i] * 255) << 16 | (int) Math.round(triples[3 * i + 1] * 255) << 8
                    | (int) Math.round(triples[3 * i + 2] * 255);
        }
        return out;
    }
}
