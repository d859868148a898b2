package io.headlight.render;

/** Draws onto another surface moved by (dx, dy), so a figure can be placed beside another in a composite. */
final class ShiftedSurface implements Surface {
    private final Surface inner;
    private final double dx;
    private final double dy;

    ShiftedSurface(Surface inner, double dx, double dy) {
        this.inner = inner;
        this.dx = dx;
        this.dy = dy;
    }

    @Override
    public void fillRect(double x, double y, double w, double h, int argb) {
        inner.fillRect(x + dx, y + dy, w, h, argb);
    }

    @Override
    public void strokeRect(double x, double y, double w, double h, double lineWidth, int argb) {
        inner.strokeRect(x + dx, y + dy, w, h, lineWidth, argb);
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, double lineWidth, int argb) {
        inner.line(x1 + dx, y1 + dy, x2 + dx, y2 + dy, lineWidth, argb);
    }

    @Override
    public void text(String s, double x, double y, double fontSize, boolean bold, int argb, HAlign h, VAlign v,
                     double rotation) {
        inner.text(s, x + dx, y + dy, fontSize, bold, argb, h, v, rotation);
    }

    @Override
    public double textWidth(String s, double fontSize, boolean bold) {
        return inner.textWidth(s, fontSize, bold);
    }

    @Override
    public void image(int[] argb, int w, int h, double x, double y, double dw, double dh) {
        inner.image(argb, w, h, x + dx, y + dy, dw, dh);
    }

    @Override
    public double pixelScale() {
        return inner.pixelScale();
    }

    @Override
    public void save() {
        inner.save();
    }

    @Override
    public void restore() {
        inner.restore();
    }

    @Override
    public void clip(double x, double y, double w, double h) {
        inner.clip(x + dx, y + dy, w, h);
    }
}
