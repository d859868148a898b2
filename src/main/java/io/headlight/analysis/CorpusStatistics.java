package io.headlight.analysis;

import java.util.EnumMap;
import java.util.Map;

/**
 * A running mean of {@link HeadStats} over a corpus, each text weighing the same. Sums are kept in double.
 * Safe to {@link #add} from several threads at once.
 */
public final class CorpusStatistics {
    private final int layers;
    private final int heads;
    private final double[][] sums;
    private int texts;

    /** An empty corpus for a model of {@code layers x heads}. */
    public CorpusStatistics(int layers, int heads) {
        this.layers = layers;
        this.heads = heads;
        this.sums = new double[HeadStat.values().length][layers * heads];
    }

    /**
     * Adds one text's statistics.
     *
     * @throws IllegalArgumentException when they come from a model of another shape
     */
    public synchronized void add(HeadStats stats) {
        if (stats.layers() != layers || stats.heads() != heads) {
            throw new IllegalArgumentException("statistics of a " + stats.layers() + " x " + stats.heads()
                    + " model cannot join a " + layers + " x " + heads + " corpus");
        }
        for (HeadStat stat : HeadStat.values()) {
            double[] sum = sums[stat.ordinal()];
            for (int l = 0; l < layers; l++) {
                for (int h = 0; h < heads; h++) {
                    sum[l * heads + h] += stats.value(stat, l, h);
                }
            }
        }
        texts++;
    }

    /** Number of texts added so far. */
    public synchronized int texts() {
        return texts;
    }

    /**
     * The mean over the texts added so far.
     *
     * @throws IllegalStateException when none was added
     */
    public synchronized HeadStats mean() {
        if (texts == 0) {
            throw new IllegalStateException("no text was added");
        }
        Map<HeadStat, float[][]> values = new EnumMap<>(HeadStat.class);
        for (HeadStat stat : HeadStat.values()) {
            float[][] grid = new float[layers][heads];
            double[] sum = sums[stat.ordinal()];
            for (int l = 0; l < layers; l++) {
                for (int h = 0; h < heads; h++) {
                    grid[l][h] = (float) (sum[l * heads + h] / texts);
                }
            }
            values.put(stat, grid);
        }
        return new HeadStats(layers, heads, values);
    }
}
