package io.headlight.analysis;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Every {@link HeadStat} of every head of a model, for one text or averaged over a corpus. Immutable.
 */
public final class HeadStats {
    private final int layers;
    private final int heads;
    private final Map<HeadStat, float[][]> values;

    /**
     * @param values one {@code float[L][H]} per statistic, all of them present; copied
     */
    public HeadStats(int layers, int heads, Map<HeadStat, float[][]> values) {
        this.layers = layers;
        this.heads = heads;
        this.values = new EnumMap<>(HeadStat.class);
        for (HeadStat stat : HeadStat.values()) {
            float[][] grid = values.get(stat);
            if (grid == null || grid.length != layers) {
                throw new IllegalArgumentException(stat + " needs " + layers + " layers of values");
            }
            float[][] copy = new float[layers][];
            for (int l = 0; l < layers; l++) {
                if (grid[l].length != heads) {
                    throw new IllegalArgumentException(stat + " layer " + l + " needs " + heads + " heads");
                }
                copy[l] = grid[l].clone();
            }
            this.values.put(stat, copy);
        }
    }

    /** Number of layers L. */
    public int layers() {
        return layers;
    }

    /** Number of heads per layer H. */
    public int heads() {
        return heads;
    }

    /** One statistic of one head. */
    public float value(HeadStat stat, int layer, int head) {
        return values.get(stat)[layer][head];
    }

    /** A copy of one statistic for every head, {@code [layer][head]}. */
    public float[][] grid(HeadStat stat) {
        float[][] grid = values.get(stat);
        float[][] copy = new float[layers][];
        for (int l = 0; l < layers; l++) {
            copy[l] = grid[l].clone();
        }
        return copy;
    }

    /**
     * The pattern names that apply to one head ("broad", "previous token", "[SEP]", ...), in
     * {@link HeadStat} order; empty when none does.
     */
    public List<String> labels(int layer, int head) {
        List<String> labels = new ArrayList<>();
        for (HeadStat stat : HeadStat.values()) {
            if (stat.labels(value(stat, layer, head))) {
                labels.add(stat.label());
            }
        }
        return labels;
    }
}
