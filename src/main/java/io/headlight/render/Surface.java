package io.headlight.render;

/**
 * The small drawing surface every renderer paints on, so the screen (a JavaFX canvas in {@code ui}), PNG and
 * SVG exports run the same drawing code and cannot drift apart.
 *
 * <p>Coordinates are in logical pixels (PNG scale and screen DPI are the implementation's business); colours are
 * {@code 0xAARRGGBB} ints, alpha included. Fonts are given as a size and a weight; each surface draws a text in the
 * family its {@link FontChooser} picks for the text's characters, so every script the installed fonts cover shows.
 */
public interface Surface {

    /** Where the (x, y) given to {@link #text} sits on the text's box, before rotation. */
    enum HAlign { LEFT, CENTER, RIGHT }

    /** Vertical anchor: TOP and BOTTOM are the font's ascent/descent lines, MIDDLE halfway between them. */
    enum VAlign { TOP, MIDDLE, BASELINE, BOTTOM }

    void fillRect(double x, double y, double w, double h, int argb);

    /** Outline drawn centred on the rectangle's edges. */
    void strokeRect(double x, double y, double w, double h, double lineWidth, int argb);

    void line(double x1, double y1, double x2, double y2, double lineWidth, int argb);

    /**
     * One line of text. The box is aligned to (x, y) by {@code h}/{@code v}, then turned by {@code rotation}
     * degrees around (x, y); negative is counter-clockwise on screen (-90 reads bottom to top, as column labels).
     */
    void text(String s, double x, double y, double fontSize, boolean bold, int argb,
              HAlign h, VAlign v, double rotation);

    /** Width of {@code s} in logical pixels when drawn with {@link #text}. */
    double textWidth(String s, double fontSize, boolean bold);

    /**
     * An {@code w x h} ARGB pixel buffer (row-major) drawn into the rectangle (x, y, dw, dh) with no smoothing,
     * so every cell stays a crisp block at any zoom. Surfaces may keep what they made of {@code argb} (an image, a
     * texture) while the array lives, so a redraw of the same figure is cheap: pass a new array for new pixels.
     */
    void image(int[] argb, int w, int h, double x, double y, double dw, double dh);

    /**
     * Device pixels per logical pixel where this surface lands (a PNG's scale, the screen's zoom), for a figure
     * that blends a dense part into an {@link #image} of its own at the resolution it will be shown at.
     */
    double pixelScale();

    /** Saves clip and state; pair with {@link #restore}. */
    void save();

    void restore();

    /** Intersects the clip with a rectangle until the matching {@link #restore}. */
    void clip(double x, double y, double w, double h);
}
