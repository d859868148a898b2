package io.headlight.render;

import java.util.List;
import java.util.Optional;

/**
 * Per-head statistics of one result, as the dashboard shows them: for each statistic an L x H table and, per
 * head, a short label when the head passes that statistic's threshold ("broad", "previous token").
 */
public interface HeadStatTable {
    List<String> statistics();

    /** {@code [layer][head]} values of one statistic. */
    float[][] values(String statistic);

    /** The label a head earns for this statistic's value, or empty. */
    String label(String statistic, float value);

    /**
     * The statistic measuring the same share the other way (weights or norms), when this result has its values:
     * the dashboard shows it beside the chosen one, so high weight and small norm are read at one glance.
     */
    Optional<String> counterpart(String statistic);
}
