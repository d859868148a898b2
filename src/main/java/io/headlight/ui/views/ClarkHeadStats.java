package io.headlight.ui.views;

import io.headlight.analysis.HeadStat;
import io.headlight.analysis.HeadStatistics;
import io.headlight.analysis.HeadStats;
import io.headlight.model.AttentionResult;
import io.headlight.render.HeadStatTable;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The dashboard's table over analysis's head statistics (Clark et al. 2019), computed once per result. */
final class ClarkHeadStats implements HeadStatTable {
    private final HeadStats stats;

    ClarkHeadStats(AttentionResult r) {
        this.stats = HeadStatistics.of(r);
    }

    @Override
    public List<String> statistics() {
        return Arrays.stream(HeadStat.values()).map(HeadStat::title).toList();
    }

    @Override
    public float[][] values(String statistic) {
        return stats.grid(stat(statistic));
    }

    @Override
    public String label(String statistic, float value) {
        HeadStat stat = stat(statistic);
        return stat.labels(value) ? stat.label() : "";
    }

    @Override
    public Optional<String> counterpart(String statistic) {
        return stat(statistic).counterpart().filter(other -> measured(stats.grid(other))).map(HeadStat::title);
    }

    /** Norm shares are NaN throughout when the result has no norms. */
    private static boolean measured(float[][] grid) {
        return grid.length > 0 && grid[0].length > 0 && !Float.isNaN(grid[0][0]);
    }

    private static HeadStat stat(String title) {
        for (HeadStat s : HeadStat.values()) {
            if (s.title().equals(title)) {
                return s;
            }
        }
        throw new IllegalArgumentException("no head statistic named " + title);
    }
}
