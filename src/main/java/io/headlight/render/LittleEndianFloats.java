package io.headlight.render;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/** Streams a float buffer as little-endian bytes in fixed chunks, so a 600 MB tensor is never copied whole. */
final class LittleEndianFloats {
    private static final int CHUNK_FLOATS = 1 << 18;

    /** Takes each chunk; the buffer is reused, so it must be consumed before returning. */
    @FunctionalInterface
    interface ChunkSink {
        void accept(ByteBuffer chunk) throws IOException;
    }

    private LittleEndianFloats() {
    }

    /** Hands {@code source}'s remaining floats to {@code sink} in order; {@code source} itself is not moved. */
    static void forEachChunk(FloatBuffer source, ChunkSink sink) throws IOException {
        FloatBuffer rest = source.duplicate();
        ByteBuffer chunk = ByteBuffer.allocate(CHUNK_FLOATS * 4).order(ByteOrder.LITTLE_ENDIAN);
        while (rest.hasRemaining()) {
            int n = Math.min(CHUNK_FLOATS, rest.remaining());
            FloatBuffer slice = rest.slice();
            slice.limit(n);
            chunk.clear();
            chunk.asFloatBuffer().put(slice);
            chunk.limit(n * 4);
            rest.position(rest.position() + n);
            sink.accept(chunk);
        }
    }
}
