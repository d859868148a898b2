package io.headlight.ui.views;

import io.headlight.model.AttentionResult;

import java.util.List;

/** Throwaway until analysis.HeadStatistics lands. */
final class InterimHeadStats implements HeadStatTable {
    private final AttentionResult r;

    InterimHeadStats(AttentionResult r) {
        this.r = r;
    }

    @Override
    public List<String> statistics() {
        return List.of("entropy", "to [CLS]", "to self", "to previous", "to next");
    }

    @Override
    public float[][] values(String statistic) {
        int t = r.length();
        float[][] out = new float[r.layers()][r.heads()];
        for (int l = 0; l < r.layers(); l++) {
            for (int h = 0; h < r.heads(); h++) {
                double sum = 0;
                for (int q = 0; q < t; q++) {
                    switch (statistic) {
                        case "entropy" -> {
                            for (int k = 0; k < t; k++) {
                                double a = 0.9999 * r.attention(l, h, q, k) + 0.0001 / t;
                                sum -= a * Math.log(a);
                            }
                        }
                        case "to [CLS]" -> sum += r.attention(l, h, q, 0);
                        case "to self" -> sum += r.attention(l, h, q, q);
                        case "to previous" -> sum += q > 0 ? r.attention(l, h, q, q - 1) : 0;
                        default -> sum += q < t - 1 ? r.attention(l, h, q, q + 1) : 0;
                    }
                }
                out[l][h] = (float) (sum / t);
            }
        }
        return out;
    }

    @Override
    public String label(String statistic, float value) {
        return switch (statistic) {
            case "entropy" -> value > 3.8 ? "broad" : "";
            case "to [CLS]" -> value > 0.6 ? "[CLS]" : "";
            case "to previous" -> value > 0.5 ? "previous token" : "";
            case "to next" -> value > 0.5 ? "next token" : "";
            default -> "";
        };
    }
}
