package io.headlight.render;

import java.util.ArrayList;
import java.util.List;

/** A surface that keeps every text and image drawn on it and measures like the PNG surface. */
final class TextRecorder implements Surface {
    record Text(String s, double x, double y, double size, boolean bold, double rotation) {
    }

    private final PngSurface measure = new PngSurface(1, 1, 1);
    final List<Text> drawn = new ArrayList<>();
    final List<int[]> images = new ArrayList<>();
    final List<Integer> imageWidths = new ArrayList<>();

    @Override
    public void text(String s, double x, double y, double fontSize, boolean bold, int argb, HAlign h, VAlign v,
                     double rotation) {
        drawn.add(new Text(s, x, y, fontSize, bold, rotation));
    }

    @Override
    public double textWidth(String s, double fontSize, boolean bold) {
        return measure.textWidth(s, fontSize, bold);
    }

    @Override
    public void fillRect(double x, double y, double w, double h, int argb) {
    }

    @Override
    public void strokeRect(double x, double y, double w, double h, double lineWidth, int argb) {
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, double lineWidth, int argb) {
    }

    @Override
    public double pixelScale() {
        return 1;
    }

    @Override
    public void image(int[] argb, int w, int h, double x, double y, double dw, double dh) {
        images.add(argb);
        imageWidths.add(w);
    }

    @Override
    public void save() {
    }

    @Override
    public void restore() {
    }

    @Override
    public void clip(double x, double y, double w, double h) {
    }
}
