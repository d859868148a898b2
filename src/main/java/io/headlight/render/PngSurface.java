package io.headlight.render;

import java.awt.AlphaComposite;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import javax.imageio.ImageIO;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * A {@link Surface} backed by a {@link BufferedImage}: the PNG export and the render benchmark. A scale of 2 or 4
 * draws the same logical figure with that many times the pixels in each direction (for print). Each text is drawn in
 * the family {@link AwtFonts} picks for its characters, so Chinese labels get a CJK face, not boxes.
 */
public final class PngSurface implements Surface {
    private static final Graphics2D MEASURE = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB).createGraphics();
    /** Pixel buffers already made images, by array identity: a redraw of the same figure reuses them. */
    private static final Map<int[], BufferedImage> IMAGES = Collections.synchronizedMap(new WeakHashMap<>());

    private final BufferedImage image;
    private final Graphics2D g;
    private final Deque<Graphics2D> saved = new ArrayDeque<>();
    private Graphics2D current;
    private final VisibleRegion visible;
    private final double scale;
    private final ArgbCache<Color> colors = new ArgbCache<>(argb -> new Color(argb, true));
    private BasicStroke stroke = new BasicStroke(1);

    /** A white canvas of {@code width x height} logical pixels at {@code scale} (1, 2, 4...). */
    public PngSurface(int width, int height, double scale) {
        this(width, height, scale, 0xffffffff);
    }

    public PngSurface(int width, int height, double scale, int background) {
        if (width <= 0 || height <= 0 || scale <= 0) {
            throw new IllegalArgumentException("image size must be positive");
        }
        image = new BufferedImage((int) Math.ceil(width * scale), (int) Math.ceil(height * scale),
                BufferedImage.TYPE_INT_ARGB);
        g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        g.setComposite(AlphaComposite.Src);
        g.setColor(new Color(background, true));
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setComposite(AlphaComposite.SrcOver);
        g.scale(scale, scale);
        current = g;
        visible = new VisibleRegion(0, 0, width, height, scale);
        this.scale = scale;
    }

    public BufferedImage image() {
        return image;
    }

    /** Writes the image as PNG, replacing {@code file} if it exists (the export facade decides about that). */
    public void write(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new IOException("cannot write " + file + ": folder " + parent + " does not exist");
        }
        // A stream of its own rather than ImageIO's default, which buffers through a cache file in /tmp.
        try (var out = Files.newOutputStream(file); var png = new MemoryCacheImageOutputStream(out)) {
            if (!ImageIO.write(image, "png", png)) {
                throw new IOException("no PNG writer available");
            }
        }
    }

    @Override
    public void fillRect(double x, double y, double w, double h, int argb) {
        if (visible.misses(x, y, x + w, y + h, 0)) {
            return;
        }
        current.setColor(colors.get(argb));
        current.fill(new Rectangle2D.Double(x, y, w, h));
    }

    @Override
    public void strokeRect(double x, double y, double w, double h, double lineWidth, int argb) {
        if (visible.misses(x, y, x + w, y + h, lineWidth)) {
            return;
        }
        current.setColor(colors.get(argb));
        current.setStroke(stroke(lineWidth));
        current.draw(new Rectangle2D.Double(x, y, w, h));
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, double lineWidth, int argb) {
        if (visible.misses(x1, y1, x2, y2, lineWidth)) {
            return;
        }
        current.setColor(colors.get(argb));
        current.setStroke(stroke(lineWidth));
        current.draw(new Line2D.Double(x1, y1, x2, y2));
    }

    @Override
    public void text(String s, double x, double y, double fontSize, boolean bold, int argb,
                     HAlign h, VAlign v, double rotation) {
        if (visible.missesText(x, y, fontSize, rotation)) {
            return;
        }
        Font font = font(s, fontSize, bold);
        FontMetrics fm = current.getFontMetrics(font);
        double w = fm.getStringBounds(s, current).getWidth();
        double dx = h == HAlign.LEFT ? 0 : h == HAlign.CENTER ? -w / 2 : -w;
        double dy = baselineShift(fm, v);
        AffineTransform before = current.getTransform();
        current.translate(x, y);
        if (rotation != 0) {
            current.rotate(Math.toRadians(rotation));
        }
        current.setFont(font);
        current.setColor(colors.get(argb));
        current.drawString(s, (float) dx, (float) dy);
        current.setTransform(before);
    }

    @Override
    public double textWidth(String s, double fontSize, boolean bold) {
        return measure(s, fontSize, bold);
    }

    /** How far below an anchor at {@code v} the baseline lies. */
    private static double baselineShift(FontMetrics fm, VAlign v) {
        return switch (v) {
            case TOP -> fm.getAscent();
            case MIDDLE -> (fm.getAscent() - fm.getDescent()) / 2.0;
            case BASELINE -> 0;
            case BOTTOM -> -fm.getDescent();
        };
    }

    /** The baseline shift of {@link #text} with the PNG's font, for surfaces that cannot measure (SVG). */
    static double baselineShift(String s, double fontSize, boolean bold, VAlign v) {
        synchronized (MEASURE) {
            return baselineShift(MEASURE.getFontMetrics(font(s, fontSize, bold)), v);
        }
    }

    /** Text width with the same font machinery as the PNG, for surfaces that cannot measure (SVG). */
    static double measure(String s, double fontSize, boolean bold) {
        synchronized (MEASURE) {
            MEASURE.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            return MEASURE.getFontMetrics(font(s, fontSize, bold)).getStringBounds(s, MEASURE).getWidth();
        }
    }

    @Override
    public void image(int[] argb, int w, int h, double x, double y, double dw, double dh) {
        if (visible.misses(x, y, x + dw, y + dh, 0)) {
            return;
        }
        BufferedImage src = IMAGES.computeIfAbsent(argb, a -> toImage(a, w, h));
        AffineTransform at = new AffineTransform();
        at.translate(x, y);
        at.scale(dw / w, dh / h);
        Object aa = current.getRenderingHint(RenderingHints.KEY_ANTIALIASING);
        // Antialiased edges would blend neighbouring cells' borders: keep cells crisp blocks.
        current.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
        current.drawImage(src, at, null);
        current.setRenderingHint(RenderingHints.KEY_ANTIALIASING, aa);
    }

    /** One copy into the image's own buffer; opaque pixels make an RGB image, which blits without blending. */
    private static BufferedImage toImage(int[] argb, int w, int h) {
        boolean opaque = true;
        for (int i = 0; i < w * h && opaque; i++) {
            opaque = argb[i] >>> 24 == 0xFF;
        }
        BufferedImage img = new BufferedImage(w, h, opaque ? BufferedImage.TYPE_INT_RGB : BufferedImage.TYPE_INT_ARGB);
        System.arraycopy(argb, 0, ((DataBufferInt) img.getRaster().getDataBuffer()).getData(), 0, w * h);
        return img;
    }

    private BasicStroke stroke(double width) {
        if (stroke.getLineWidth() != (float) width) {
            stroke = new BasicStroke((float) width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER);
        }
        return stroke;
    }

    @Override
    public double pixelScale() {
        return scale;
    }

    @Override
    public void save() {
        saved.push(current);
        current = (Graphics2D) current.create();
        visible.save();
    }

    @Override
    public void restore() {
        if (saved.isEmpty()) {
            throw new IllegalStateException("restore without save");
        }
        current.dispose();
        current = saved.pop();
        visible.restore();
    }

    @Override
    public void clip(double x, double y, double w, double h) {
        Shape r = new Rectangle2D.Double(x, y, w, h);
        current.clip(r);
        visible.clip(x, y, w, h);
    }

    /** Per family, fonts at half-pixel sizes below 32 (all the figures use), plain and bold. */
    private static final Map<String, Font[]> CACHE = new ConcurrentHashMap<>();

    private static Font font(String text, double size, boolean bold) {
        String family = AwtFonts.chooser().familyFor(text);
        int px = (int) Math.round(size * 2);
        if (px >= 0 && px < 64 && size * 2 == px) {
            Font[] sizes = CACHE.computeIfAbsent(family, f -> new Font[2 * 64]);
            int k = px * 2 + (bold ? 1 : 0);
            Font f = sizes[k];
            if (f == null) {
                f = new Font(family, bold ? Font.BOLD : Font.PLAIN, 1).deriveFont((float) size);
                sizes[k] = f;
            }
            return f;
        }
        return new Font(family, bold ? Font.BOLD : Font.PLAIN, 1).deriveFont((float) size);
    }
}
