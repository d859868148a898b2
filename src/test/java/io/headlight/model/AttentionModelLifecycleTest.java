package io.headlight.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** An opened model owns native resources: closing is idempotent and a closed model fails loudly. */
class AttentionModelLifecycleTest {

    @Test
    void closingTwiceIsHarmless(@TempDir Path dir) throws Exception {
        AttentionModel model = open(dir);
        model.close();
        model.close();
    }

    @Test
    void explainingAfterCloseFailsLoudly(@TempDir Path dir) throws Exception {
        AttentionModel model = open(dir);
        model.close();
        assertThrows(IllegalStateException.class, () -> model.explain("too late", null));
    }

    @Test
    void cancellingWithNothingRunningLeavesTheNextRunIntact(@TempDir Path dir) throws Exception {
        try (AttentionModel model = open(dir)) {
            model.cancel();
            assertEquals(5, model.explain("a small test", null).length());
        }
    }

    @Test
    void blankTextIsRefusedWithAReason(@TempDir Path dir) throws Exception {
        try (AttentionModel model = open(dir)) {
            HeadlightException e = assertThrows(HeadlightException.class, () -> model.explain("   ", null));
            assertEquals(-1, e.getMessage().indexOf('\n'));
        }
    }

    private static AttentionModel open(Path dir) throws Exception {
        Path folder = TinyGraphs.folder(dir, TinyGraphs.attention(30522), EditedGraphTest.minilmTokenizer());
        return AttentionModel.open(ModelSource.resolve(folder.toString()));
    }
}
