package io.headlight.render;

import io.headlight.render.PngSurface;
import io.headlight.render.Surface;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.Locale;

/**
 * A {@link Surface} that writes SVG, for the window's and the command line's SVG exports. Pixel buffers become
 * one rect per cell when small enough to stay editable, an embedded PNG otherwise; text is measured and placed
 * with the PNG's fonts, so both exports lay out alike.
 */
public final class SvgFigureSurface implements Surface {
    private static final int MAX_RECT_CELLS = 128 * 128;

    private final StringBuilder body = new StringBuilder();
    private final PngSurface measure = new PngSurface(1, 1, 1);
    private final Deque<Integer> openGroups = new ArrayDeque<>();
    private final double width;
    private final double height;
    private final int background;
    private int clipCount;
    private int groupsInScope;

    public SvgFigureSurface(double width, double height, int background) {
        this.width = width;
        this.height = height;
        this.background = background;
    }

    @Override
    public void fillRect(double x, double y, double w, double h, int argb) {
        body.append("<rect x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" width=\"").append(n(w))
                .append("\" height=\"").append(n(h)).append('"').append(fill(argb)).append("/>\n");
    }

    @Override
    public void strokeRect(double x, double y, double w, double h, double lineWidth, int argb) {
        body.append("<rect x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" width=\"").append(n(w))
                .append("\" height=\"").append(n(h)).append("\" fill=\"none\"").append(stroke(argb, lineWidth))
                .append("/>\n");
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, double lineWidth, int argb) {
        body.append("<line x1=\"").append(n(x1)).append("\" y1=\"").append(n(y1)).append("\" x2=\"").append(n(x2))
                .append("\" y2=\"").append(n(y2)).append('"').append(stroke(argb, lineWidth)).append("/>\n");
    }

    @Override
    public void text(String s, double x, double y, double fontSize, boolean bold, int argb, HAlign h, VAlign v,
                     double rotation) {
        String anchor = switch (h) {
            case LEFT -> "start";
            case CENTER -> "middle";
            case RIGHT -> "end";
        };
        // The baseline is placed from the PNG's font metrics rather than with dominant-baseline, which
        // librsvg and several editors ignore for some values (a "hanging" title was cut off at the top).
        double baseline = y + PngSurface.baselineShift(s, fontSize, bold, v);
        body.append("<text x=\"").append(n(x)).append("\" y=\"").append(n(baseline)).append('"')
                .append(" font-family=\"").append(families(s)).append("\" font-size=\"").append(n(fontSize)).append('"')
                .append(bold ? " font-weight=\"bold\"" : "").append(" text-anchor=\"").append(anchor).append('"')
                .append(fill(argb));
        if (rotation != 0) {
            body.append(" transform=\"rotate(").append(n(rotation)).append(' ').append(n(x)).append(' ')
                    .append(n(y)).append(")\"");
        }
        body.append('>').append(escape(s)).append("</text>\n");
    }

    @Override
    public double textWidth(String s, double fontSize, boolean bold) {
        return measure.textWidth(s, fontSize, bold);
    }

    @Override
    public void image(int[] argb, int w, int h, double x, double y, double dw, double dh) {
        if ((long) w * h <= MAX_RECT_CELLS) {
            double cw = dw / w;
            double ch = dh / h;
            // Without crisp edges, renderers anti-alias each cell's edge and a hairline seam shows between cells.
            body.append("<g shape-rendering=\"crispEdges\">\n");
            for (int r = 0; r < h; r++) {
                for (int c = 0; c < w; c++) {
                    fillRect(x + c * cw, y + r * ch, cw, ch, argb[r * w + c]);
                }
            }
            body.append("</g>\n");
            return;
        }
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        img.setRGB(0, 0, w, h, argb, 0, w);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        body.append("<image x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" width=\"").append(n(dw))
                .append("\" height=\"").append(n(dh)).append("\" preserveAspectRatio=\"none\"")
                .append(" style=\"image-rendering:pixelated\" href=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(png.toByteArray())).append("\"/>\n");
    }

    /** Images a figure makes itself are embedded at twice the figure's size, so a zoomed-in viewer stays sharp. */
    @Override
    public double pixelScale() {
        return 2;
    }

    @Override
    public void save() {
        openGroups.push(groupsInScope);
        groupsInScope = 0;
    }

    @Override
    public void restore() {
        for (int i = 0; i < groupsInScope; i++) {
            body.append("</g>\n");
        }
        groupsInScope = openGroups.isEmpty() ? 0 : openGroups.pop();
    }

    @Override
    public void clip(double x, double y, double w, double h) {
        String id = "clip" + clipCount++;
        body.append("<clipPath id=\"").append(id).append("\"><rect x=\"").append(n(x)).append("\" y=\"").append(n(y))
                .append("\" width=\"").append(n(w)).append("\" height=\"").append(n(h)).append("\"/></clipPath>\n")
                .append("<g clip-path=\"url(#").append(id).append(")\">\n");
        groupsInScope++;
    }

    public void write(Path file) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
            out.write("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + n(width) + "\" height=\"" + n(height)
                    + "\" viewBox=\"0 0 " + n(width) + " " + n(height) + "\">\n");
            out.write("<rect width=\"100%\" height=\"100%\"" + fill(background) + "/>\n");
            out.write(body.toString());
            for (int i = 0; i < groupsInScope; i++) {
                out.write("</g>\n");
            }
            out.write("</svg>\n");
        }
    }

    /**
     * The PNG's family for this text first, then the same fallbacks, then the generic family: a viewer takes each
     * character from the first family in the list that has it, as the PNG's choice did for the whole text.
     */
    private static String families(String s) {
        StringBuilder out = new StringBuilder();
        for (String f : AwtFonts.chooser().familyListFor(s)) {
            if (!f.equals("SansSerif") && !f.equals("Dialog")) {
                out.append('\'').append(escape(f)).append("', ");
            }
        }
        return out.append("sans-serif").toString();
    }

    private static String fill(int argb) {
        int alpha = argb >>> 24;
        return " fill=\"" + rgb(argb) + "\"" + (alpha == 255 ? "" : " fill-opacity=\"" + n(alpha / 255.0) + "\"");
    }

    private static String stroke(int argb, double width) {
        int alpha = argb >>> 24;
        return " stroke=\"" + rgb(argb) + "\" stroke-width=\"" + n(width) + "\""
                + (alpha == 255 ? "" : " stroke-opacity=\"" + n(alpha / 255.0) + "\"");
    }

    private static String rgb(int argb) {
        return String.format(Locale.ROOT, "#%06x", argb & 0xFFFFFF);
    }

    private static String n(double v) {
        if (v == Math.rint(v)) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.3f", v);
    }

    private static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> {
                    if (c >= 0x20 || c == '\t') {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
