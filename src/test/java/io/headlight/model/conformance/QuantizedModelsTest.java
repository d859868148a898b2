package io.headlight.model.conformance;

import io.headlight.model.AttentionModel;
import io.headlight.model.AttentionResult;
import io.headlight.model.ModelSource;
import io.headlight.model.SharedModels;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The dynamically quantized (int8 MatMulInteger) exports of the bundled models open, give attention rows that
 * are distributions close to the float model's, and are reported as quantized.
 */
class QuantizedModelsTest {
    private static final String TEXT = "Quantized weights still attend to the same words.";

    @ParameterizedTest
    @ValueSource(strings = {"all-MiniLM-L6-v2", "bge-small-zh-v1.5"})
    void quantizedModelOpensAndEveryRowSumsToOne(String id) throws Exception {
        try (AttentionModel model = AttentionModel.open(ModelSource.resolve(quantized(id).toString()))) {
            AttentionResult r = model.explain(TEXT, null);
            assertEquals(SharedModels.get(id).info().layers(), r.layers());
            for (int l = 0; l < r.layers(); l++) {
                for (int h = 0; h < r.heads(); h++) {
                    for (int i = 0; i < r.length(); i++) {
                        double sum = 0;
                        for (int j = 0; j < r.length(); j++) {
                            sum += r.attention(l, h, i, j);
                        }
                        assertEquals(1, sum, 1e-4, "row " + i + " of layer " + l + " head " + h);
                    }
                }
            }
            assertTrue(model.description().text().contains("quantized:    yes (DynamicQuantizeLinear"),
                    model.description().text());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"all-MiniLM-L6-v2", "bge-small-zh-v1.5"})
    void quantizedAttentionStaysNearTheFloatModels(String id) throws Exception {
        AttentionResult exact = SharedModels.get(id).explain(TEXT, null);
        try (AttentionModel model = AttentionModel.open(ModelSource.resolve(quantized(id).toString()))) {
            AttentionResult r = model.explain(TEXT, null);
            double sum = 0;
            int n = 0;
            for (int l = 0; l < r.layers(); l++) {
                for (int h = 0; h < r.heads(); h++) {
                    for (int i = 0; i < r.length(); i++) {
                        for (int j = 0; j < r.length(); j++) {
                            sum += Math.abs(exact.attention(l, h, i, j) - r.attention(l, h, i, j));
                            n++;
                        }
                    }
                }
            }
            // int8 weights move single probabilities by a few hundredths, not whole patterns.
            assertTrue(sum / n < 0.02, "mean difference " + sum / n);
        }
    }

    private static Path quantized(String id) throws Exception {
        String root = System.getProperty("headlight.test.models.dir");
        if (root == null) {
            fail("-Dheadlight.test.models.dir is not set; run the tests through Maven");
        }
        Path folder = Path.of(root, id + "-q");
        if (!Files.isDirectory(folder)) {
            fail("the quantized test model is missing: " + folder + " (mvn generate-test-resources unpacks it)");
        }
        return folder;
    }
}
