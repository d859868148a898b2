package io.headlight.render;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The header of a NumPy {@code .npy} array, format version 1.0: magic, version, little-endian header length,
 * then the dict padded with spaces so the data starts at a multiple of 64 bytes, as numpy writes it.
 */
final class NpyHeader {
    private static final int PREFIX = 10;

    private NpyHeader() {
    }

    /**
     * @param descr numpy's dtype string ({@code <f4}, {@code <i8}, {@code <U12})
     * @param shape the array's shape, C order; none for a 0-d (scalar) array
     */
    static byte[] of(String descr, long... shape) {
        String dims = shape.length == 1 ? shape[0] + ","
                : Arrays.stream(shape).mapToObj(Long::toString).collect(Collectors.joining(", "));
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': (" + dims + "), }";
        int unpadded = PREFIX + dict.length() + 1;
        String header = dict + " ".repeat((64 - unpadded % 64) % 64) + "\n";
        ByteBuffer head = ByteBuffer.allocate(PREFIX + header.length()).order(ByteOrder.LITTLE_ENDIAN);
        head.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
        head.putShort((short) header.length()).put(header.getBytes(StandardCharsets.US_ASCII));
        return head.array();
    }
}
