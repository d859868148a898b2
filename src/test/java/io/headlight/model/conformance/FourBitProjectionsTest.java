package io.headlight.model.conformance;

import ai.onnx.proto.OnnxMl.ModelProto;
import io.headlight.model.AttentionModel;
import io.headlight.model.AttentionResult;
import io.headlight.model.ModelSource;
import io.headlight.model.SharedModels;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Q/K/V projections in 4 bits ({@code com.microsoft MatMulNBits}, transformers.js's {@code model_q4.onnx}
 * style): Headlight shows the attention the 4-bit model itself computes (its Softmax outputs, read from the same
 * graph with those outputs declared), the q and k it shows reproduce it, and the model says it is quantized.
 */
class FourBitProjectionsTest {
    private static final String TEXT = "Four bits a weight still find the words that matter.";

    @ParameterizedTest
    @ValueSource(strings = {"all-MiniLM-L6-v2", "bge-small-zh-v1.5"})
    void fourBitProjectionsShowTheModelsOwnAttention(String id, @TempDir Path dir) throws Exception {
        ModelSource source = ModelSource.resolve(id);
        ModelProto variant = FourBitVariant.qkvProjections(ModelVariants.load(source.onnxFile()));
        Path folder = ModelVariants.folder(dir, "q4", variant, source.tokenizerFile());
        Path withOwn = ModelVariants.folder(dir, "q4-own", ModelVariants.withAttentionOutputs(variant, false),
                source.tokenizerFile());
        try (AttentionModel model = AttentionModel.open(ModelSource.resolve(folder.toString()));
             AttentionModel own = AttentionModel.open(ModelSource.resolve(withOwn.toString()))) {
            assertTrue(model.description().text().contains("MatMulNBits"), model.description().text());
            AttentionResult seen = model.explain(TEXT, null);
            AttentionResult truth = own.explain(TEXT, null);
            assertEquals(truth.layers(), seen.layers());
            double worst = 0;
            for (int i = 0; i < seen.attentionBuffer().remaining(); i++) {
                worst = Math.max(worst, Math.abs(seen.attentionBuffer().get(i) - truth.attentionBuffer().get(i)));
            }
            assertTrue(worst <= 1e-5, "Headlight's attention misses the 4-bit model's own by " + worst);

            assertTrue(seen.hasQueryKey(), "no q/k exposed");
            double replayed = QueryKeyReplay.worstDifference(seen, model.scoreScales());
            assertTrue(replayed <= 1e-4, "softmax(q.k * scale) misses the attention by " + replayed);

            AttentionResult exact = SharedModels.get(id).explain(TEXT, null);
            double sum = 0;
            for (int i = 0; i < seen.attentionBuffer().remaining(); i++) {
                sum += Math.abs(seen.attentionBuffer().get(i) - exact.attentionBuffer().get(i));
            }
            double mean = sum / seen.attentionBuffer().remaining();
            // 4-bit weights move a probability by 4e-3 to 5e-3 on average (single ones by up to 0.17), not patterns.
            assertTrue(mean < 0.02, "mean difference from the float model " + mean);
        }
    }
}
