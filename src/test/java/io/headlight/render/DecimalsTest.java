package io.headlight.render;

import io.headlight.model.AttentionResult;
import io.headlight.model.SharedModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Fixed decimals print digit for digit what {@code String.format(Locale.ROOT, "%.nf")} prints. */
class DecimalsTest {
    @ParameterizedTest
    @ValueSource(doubles = {0.125, 1.005, 2.675, -0.001, -0.0, 0.0, 0.99995, -15.605, 29.3149, 1e-9, 123456.78905})
    void halfwayAndSignedCasesRoundAsTheFormatterDoes(double v) {
        for (int places : new int[] {2, 4}) {
            assertEquals(String.format(Locale.ROOT, "%." + places + "f", v), Decimals.fixed(v, places), v + "");
        }
    }

    @Test
    void everyWeightAndLogitOfAHeadPrintsAsTheFormatterPrintsIt() throws Exception {
        AttentionResult r = SharedModels.get("all-MiniLM-L6-v2").explain("The cat sat on the mat because it was warm.",
                null);
        int t = r.length();
        for (int head = 0; head < r.heads(); head++) {
            for (int q = 0; q < t; q++) {
                for (int k = 0; k < t; k++) {
                    float w = r.attention(2, head, q, k);
                    // A float as the heatmap prints it, and a double (a log-weight scaled) as the neuron view's q·k.
                    assertEquals(String.format(Locale.ROOT, "%.2f", w), Decimals.fixed(w, 2));
                    double logit = Math.log(w) * 5.657;
                    assertEquals(String.format(Locale.ROOT, "%.4f", logit), Decimals.fixed(logit, 4));
                }
            }
        }
    }
}
