package io.headlight.analysis;

import io.headlight.model.AttentionModel;
import io.headlight.model.AttentionResult;
import io.headlight.model.ModelSource;
import io.headlight.model.Norms;
import io.headlight.model.SharedModels;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A dynamically quantized export (MatMulInteger with uint8 weights) computes nearly the model it came from. What
 * norms add to the weights, ‖f_h(x_j)‖ with the output projection dequantized, must stay within 5% of the float
 * model's. (The quantized model's weights α themselves differ from the float model's by up to ~9% in deeper
 * layers, so the products α‖f‖ are compared through the identity test on the quantized graph instead.)
 */
class QuantizedNormsTest {
    private static final String TEXT = "Attention is not only a weight, and the norms show it.";

    @ParameterizedTest
    @CsvSource({"all-MiniLM-L6-v2, all-MiniLM-L6-v2-q", "bge-small-zh-v1.5, bge-small-zh-v1.5-q"})
    void quantizedModelsValueNormsAreWithinFivePercentOfTheFloatModels(String id, String quantizedFolder)
            throws Exception {
        String root = System.getProperty("headlight.test.models.dir");
        assertNotNull(root, "-Dheadlight.test.models.dir is not set; run the tests through Maven");
        AttentionResult exact = SharedModels.get(id).explain(TEXT, null, Norms.COMPUTE);
        try (AttentionModel quantized = AttentionModel.open(ModelSource.resolve(
                Path.of(root, quantizedFolder).toString()))) {
            assertTrue(quantized.whyNoNorms().isEmpty(), () -> quantized.whyNoNorms().get());
            AttentionResult approximate = quantized.explain(TEXT, null, Norms.COMPUTE);
            assertEquals(exact.length(), approximate.length());
            int t = exact.length();
            for (int l = 0; l < exact.layers(); l++) {
                double error = relativeError(NormAttention.valueNorms(exact.valueGramBuffer(l), exact.heads(), t),
                        NormAttention.valueNorms(approximate.valueGramBuffer(l), exact.heads(), t));
                assertTrue(error <= 0.05, "layer " + l + ": quantized ‖f(x)‖ differ by " + error);
            }
        }
    }

    /** ‖a - b‖ / ‖a‖ over the whole matrix (Frobenius). */
    private static double relativeError(float[] a, float[] b) {
        double diff = 0;
        double norm = 0;
        for (int i = 0; i < a.length; i++) {
            diff += (a[i] - b[i]) * (double) (a[i] - b[i]);
            norm += a[i] * (double) a[i];
        }
        return Math.sqrt(diff / norm);
    }
}
