package io.headlight.render;


import io.headlight.model.AttentionModel;
import io.headlight.model.AttentionResult;
import io.headlight.model.BundledModels;
import io.headlight.model.ModelSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The .npy export read back by hand, as numpy would read it. */
class AttentionNpyTest {
    @Test
    void npyHoldsTheWholeTensorInLayerHeadQueryKeyOrder(@TempDir Path dir) throws Exception {
        AttentionResult r;
        try (AttentionModel model = AttentionModel.open(ModelSource.resolve(BundledModels.DEFAULT_ID))) {
            r = model.explain("numpy reads this", null);
        }
        Path file = dir.resolve("a.npy");
        AttentionNpy.write(r, file);

        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        int headerLength = bytes.getShort(8) & 0xFFFF;
        String header = new String(bytes.array(), 10, headerLength, StandardCharsets.US_ASCII);
        int t = r.length();
        assertTrue(header.contains("'shape': (6, 12, " + t + ", " + t + ")"), header);
        assertEquals(0, (10 + headerLength) % 64, "data aligned as numpy writes it");
        assertEquals(10 + headerLength + 4L * 6 * 12 * t * t, Files.size(file));
        int at = 10 + headerLength + 4 * (((4 * 12 + 7) * t + 2) * t + 1);
        assertEquals(r.attention(4, 7, 2, 1), bytes.getFloat(at));
    }
}
