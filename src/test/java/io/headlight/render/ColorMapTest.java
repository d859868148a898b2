package io.headlight.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class ColorMapTest {
    @ParameterizedTest
    @EnumSource(value = ColorMap.class, names = {"VIRIDIS", "MAGMA", "YLGNBU", "GREYS"})
    void luminanceMovesOneWayAcrossTheMap(ColorMap m) {
        int[] lut = m.table();
        double sign = Math.signum(ColorMap.luminance(lut[255]) - ColorMap.luminance(lut[0]));
        for (int i = 1; i < lut.length; i++) {
            assertTrue(sign * (ColorMap.luminance(lut[i]) - ColorMap.luminance(lut[i - 1])) >= -1e-3,
                    m + " turns back at entry " + i);
        }
    }

    @ParameterizedTest
    @CsvSource({"VIRIDIS,440154,fde725", "MAGMA,000004,fcfdbf", "YLGNBU,ffffd9,081d58", "GREYS,ffffff,000000",
            "RDBU_R,053061,67001f"})
    void endsAreMatplotlibsEndColours(ColorMap m, String low, String high) {
        assertEquals(0xff000000 | Integer.parseInt(low, 16), m.argb(0.0));
        assertEquals(0xff000000 | Integer.parseInt(high, 16), m.argb(1.0));
    }
}
