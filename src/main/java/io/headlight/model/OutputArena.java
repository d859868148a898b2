package io.headlight.model;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * One direct buffer that ONNX Runtime writes a run's outputs into (pinned outputs), reused between runs.
 *
 * <p>Letting ORT allocate the outputs costs a second copy: the Java API copies each native output into a
 * fresh heap buffer before we can read it. With pinned outputs ORT writes straight into this buffer and the
 * only copy left is the one into the result's own arrays. The buffer grows to the largest input seen and is
 * kept, because allocating (and zeroing) 150 MB of direct memory per run would cost as much as the copy.
 */
final class OutputArena {
    private ByteBuffer buffer = ByteBuffer.allocateDirect(0);
    private long next;

    /** Makes room for {@code floats} floats in all and starts handing out slices from the beginning. */
    void reset(long floats) {
        long bytes = floats * Float.BYTES;
        if (bytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("outputs of " + bytes + " bytes do not fit one buffer");
        }
        if (buffer.capacity() < bytes) {
            buffer = null; // let the old buffer go before the new one is allocated
            buffer = ByteBuffer.allocateDirect((int) bytes).order(ByteOrder.nativeOrder());
        }
        next = 0;
    }

    /** The next {@code floats} floats of the buffer, as a direct native-order view. */
    FloatBuffer slice(long floats) {
        int from = (int) (next * Float.BYTES);
        int length = (int) (floats * Float.BYTES);
        next += floats;
        return buffer.slice(from, length).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }
}
