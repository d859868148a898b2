package io.headlight.render;

import io.headlight.model.AttentionResult;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** The whole attention tensor as a NumPy {@code .npy} file: float32, shape (L, H, T, T), C order. */
public final class AttentionNpy {
    private static final int CHUNK_FLOATS = 1 << 18;

    private AttentionNpy() {
    }

    public static void write(AttentionResult r, Path file) throws IOException {
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + r.layers() + ", " + r.heads() + ", "
                + r.length() + ", " + r.length() + "), }";
        // Version 1.0 header: magic, version, little-endian length, dict padded so data starts at a multiple of 64.
        int unpadded = 10 + dict.length() + 1;
        int padding = (64 - unpadded % 64) % 64;
        String header = dict + " ".repeat(padding) + "\n";
        ByteBuffer head = ByteBuffer.allocate(10 + header.length()).order(ByteOrder.LITTLE_ENDIAN);
        head.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
        head.putShort((short) header.length()).put(header.getBytes(StandardCharsets.US_ASCII)).flip();
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            out.write(head);
            FloatBuffer source = r.attentionBuffer();
            ByteBuffer chunk = ByteBuffer.allocate(CHUNK_FLOATS * 4).order(ByteOrder.LITTLE_ENDIAN);
            while (source.hasRemaining()) {
                chunk.clear();
                FloatBuffer floats = chunk.asFloatBuffer();
                int n = Math.min(CHUNK_FLOATS, source.remaining());
                FloatBuffer slice = source.slice();
                slice.limit(n);
                floats.put(slice);
                source.position(source.position() + n);
                chunk.limit(n * 4);
                while (chunk.hasRemaining()) {
                    out.write(chunk);
                }
            }
        }
    }
}
