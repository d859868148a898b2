package io.headlight.render;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The head view's own line rasteriser against the geometry and compositing it stands in for. */
class LineRasterTest {
    private static final int BLUE = 0x2040C0;

    @Test
    void anOpaqueLineAlongARowCoversExactlyThatRow() {
        LineRaster r = new LineRaster(20, 10);
        r.line(0, 4.5, 20, 4.5, 1, 0xFF000000 | BLUE);
        int[] px = r.argb();
        for (int y = 0; y < 10; y++) {
            for (int x = 0; x < 20; x++) {
                assertEquals(y == 4 ? 0xFF000000 | BLUE : 0, px[y * 20 + x], "pixel " + x + "," + y);
            }
        }
    }

    @Test
    void aSlantedLineCoversItsLengthTimesItsWidth() {
        LineRaster r = new LineRaster(200, 300);
        r.line(0, 10.3, 200, 290.8, 1.5, 0xFF000000 | BLUE);
        double covered = 0;
        for (int p : r.argb()) {
            covered += (p >>> 24) / 255.0;
        }
        double area = Math.hypot(200, 280.5) * 1.5;
        assertEquals(area, covered, area * 0.01);
    }

    @Test
    void overlappingLinesOfOneColourDarkenAsSourceOver() {
        LineRaster r = new LineRaster(10, 3);
        r.line(0, 1.5, 10, 1.5, 1, 0x66000000 | BLUE);
        r.line(0, 1.5, 10, 1.5, 1, 0x66000000 | BLUE);
        double a = 0x66 / 255.0;
        assertEquals(Math.round(255 * (1 - (1 - a) * (1 - a))), r.argb()[15] >>> 24);
    }

    @Test
    void aSecondColourIsLaidOverTheFirst() {
        LineRaster r = new LineRaster(10, 3);
        r.line(0, 1.5, 10, 1.5, 1, 0xFFFF0000);
        r.line(0, 1.5, 10, 1.5, 1, 0x800000FF);
        int p = r.argb()[15];
        double top = 0x80 / 255.0;
        assertEquals(255, p >>> 24);
        assertEquals(Math.round(255 * (1 - top)), p >> 16 & 0xFF, 1);
        assertEquals(Math.round(255 * top), p & 0xFF, 1);
    }
}
