package io.headlight.ui;

import io.headlight.model.AttentionResult;
import io.headlight.render.ShownMatrix;
import io.headlight.ui.views.ViewContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A long session at the model's full length: 60 different 512-token inputs on a 12-layer model, each scrubbed
 * through the selections the views ask for, in a 1.5 GB heap (the soak execution in the pom). Each result is
 * 150 MB, so the heap holds a handful at most; what stays alive after a GC must not grow with the inputs.
 */
@Tag("soak")
class LongSessionMemoryTest {
    private static final String MODEL = "bge-small-en-v1.5";
    private static final int INPUTS = 60;
    private static final String[] WORDS = ("attention head layer model token sentence query key value word "
            + "the of and to in a is that for it as was with be by on not he this are or his from at which but "
            + "street animal tired river bank money music language memory window picture number city garden "
            + "light table paper story winter summer market teacher student science history doctor").split(" ");

    private final HeldBackground background = new HeldBackground();
    private final ExplorerViewModel viewModel = new ExplorerViewModel(background);
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

    @AfterEach
    void close() {
        viewModel.close();
        background.releaseAll();
    }

    @Test
    void heapInUseAfterGcStaysBoundedOverSixtyLongInputs() {
        assertEquals(1500L << 20, Runtime.getRuntime().maxMemory(), 64L << 20,
                "this test runs in its own JVM with -Xmx1500m (the pom's soak execution)");
        ViewContext context = new ViewContext(viewModel, new Appearance());
        viewModel.loadModel(MODEL);
        background.releaseAll();
        assertNotNull(viewModel.modelProperty().get(), MODEL + " loaded");
        Random random = new Random(13);

        viewModel.compareTextProperty().set(text(random));
        explain(text(random));
        assertNotNull(viewModel.comparedProperty().get(), "the compare sentence has its result");
        long resultBytes = attentionBytes(viewModel.explainedProperty().get().result());
        long baseline = usedAfterGc();

        long highest = 0;
        for (int i = 1; i < INPUTS; i++) {
            explain(text(random));
            assertNull(viewModel.problemProperty().get(), "input " + i + " explained");
            scrub(context, i);
            highest = Math.max(highest, usedAfterGc());
        }

        // Alive: the baseline's two results (shown and compared) and the cached matrices; nothing per input.
        long allowed = baseline + MatrixCache.BUDGET_BYTES + resultBytes / 2;
        assertTrue(highest < allowed, "heap after GC reached " + mb(highest) + " MB; the session started at "
                + mb(baseline) + " MB with two " + mb(resultBytes) + " MB results alive, allowed " + mb(allowed)
                + " MB");
    }

    /** The result's attention in bytes; a method so that the test holds no reference to the result. */
    private static long attentionBytes(AttentionResult r) {
        assertEquals(512, r.length(), "inputs fill the model's 512 positions");
        return 4L * r.layers() * r.heads() * r.length() * r.length();
    }

    private void explain(String text) {
        viewModel.textAProperty().set(text);
        viewModel.run();
        background.releaseAll();
    }

    /** What the views read for one input: a head, the head mean, word level, every head of a layer, rollout. */
    private static void scrub(ViewContext context, int input) {
        Selection sel = context.selection();
        sel.openHead(input % 12, (input * 5) % 12);
        check(context.shownMatrix());
        sel.allHeadsProperty().set(true);
        check(context.shownMatrix());
        sel.wordLevelProperty().set(true);
        check(context.shownMatrix());
        for (int h = 0; h < 12; h++) {
            check(context.headMatrix(h));
        }
        sel.wordLevelProperty().set(false);
        sel.allHeadsProperty().set(false);
        check(context.comparedMatrix());
        if (input % 10 == 0) {
            sel.layerProperty().set(1);
            sel.rolloutProperty().set(true);
            check(context.shownMatrix());
            sel.rolloutProperty().set(false);
        }
    }

    private static void check(ShownMatrix m) {
        assertNotNull(m);
        assertTrue(m.size() > 0);
    }

    private static String text(Random random) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 600; i++) {
            s.append(WORDS[random.nextInt(WORDS.length)]).append(i % 17 == 16 ? ". " : " ");
        }
        return s.toString();
    }

    private long usedAfterGc() {
        System.gc();
        System.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }

    private static long mb(long bytes) {
        return bytes >> 20;
    }
}
