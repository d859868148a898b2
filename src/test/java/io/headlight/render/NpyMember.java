package io.headlight.render;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One {@code .npy} array parsed as numpy's {@code format.read_array_header_1_0} does, checking every rule numpy
 * checks on the way: magic, version, header dict keys, the terminating newline and the data length.
 */
record NpyMember(String descr, long[] shape, ByteBuffer data) {
    private static final Pattern DICT = Pattern.compile(
            "\\{'descr': '([^']+)', 'fortran_order': (True|False), 'shape': \\(([0-9, ]*)\\), }");

    static NpyMember parse(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals((byte) 0x93, b.get(0), "magic byte");
        assertEquals("NUMPY", new String(bytes, 1, 5, StandardCharsets.US_ASCII));
        assertEquals(1, bytes[6], "major version");
        assertEquals(0, bytes[7], "minor version");
        int length = b.getShort(8) & 0xFFFF;
        assertEquals(0, (10 + length) % 64, "data starts at a multiple of 64");
        String header = new String(bytes, 10, length, StandardCharsets.US_ASCII);
        assertTrue(header.endsWith("\n"), "header ends in a newline");
        Matcher m = DICT.matcher(header.strip());
        assertTrue(m.matches(), header);
        assertEquals("False", m.group(2), "C order");
        long[] shape = Arrays.stream(m.group(3).split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .mapToLong(Long::parseLong).toArray();
        if (shape.length == 1) {
            assertTrue(m.group(3).strip().endsWith(","), "a 1-d shape is written as a tuple (n,)");
        }
        String descr = m.group(1);
        long count = Arrays.stream(shape).reduce(1, (x, y) -> x * y);
        long itemSize = descr.startsWith("<U") ? 4L * Integer.parseInt(descr.substring(2))
                : Integer.parseInt(descr.substring(2));
        assertEquals(10 + length + count * itemSize, bytes.length, "data length of " + header.strip());
        ByteBuffer data = ByteBuffer.wrap(bytes, 10 + length, bytes.length - 10 - length).slice()
                .order(ByteOrder.LITTLE_ENDIAN);
        return new NpyMember(descr, shape, data);
    }

    /** The i-th element of a {@code <Un} array, trailing NULs stripped as numpy strips them. */
    String string(int index) {
        int width = Integer.parseInt(descr.substring(2));
        StringBuilder s = new StringBuilder();
        for (int c = 0; c < width; c++) {
            int cp = data.getInt((index * width + c) * 4);
            if (cp != 0) {
                s.appendCodePoint(cp);
            }
        }
        return s.toString();
    }

    long int64(int index) {
        assertEquals("<i8", descr);
        return data.getLong(index * 8);
    }
}
