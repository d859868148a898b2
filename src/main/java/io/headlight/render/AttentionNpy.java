package io.headlight.render;

import io.headlight.model.AttentionResult;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** The whole attention tensor as a NumPy {@code .npy} file: float32, shape (L, H, T, T), C order. */
public final class AttentionNpy {
    private AttentionNpy() {
    }

    public static void write(AttentionResult r, Path file) throws IOException {
        ByteBuffer head = ByteBuffer.wrap(NpyHeader.of("<f4", r.layers(), r.heads(), r.length(), r.length()));
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            writeFully(out, head);
            LittleEndianFloats.forEachChunk(r.attentionBuffer(), chunk -> writeFully(out, chunk));
        }
    }

    private static void writeFully(FileChannel out, ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            out.write(bytes);
        }
    }
}
