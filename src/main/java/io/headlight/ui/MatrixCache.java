package io.headlight.ui;

import io.headlight.analysis.NormAttention;
import io.headlight.render.ShownMatrix;
import javafx.beans.value.ObservableValue;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The matrices the screen shows, computed once per result and selection, so views that share a selection
 * compute it once and scrubbing back to a layer under rollout (cubic in T) does not compute it again.
 *
 * <p>It holds only what the screen can show: entries belong to the results it follows (the main result and
 * the compare result) and are dropped the moment a result is replaced, so a past result is never kept alive
 * through its key; within those, the least recently used matrices go once their size passes a byte budget.
 */
public final class MatrixCache {
    /** Enough for every head of a layer at 512 tokens (12 MB) several times over, small beside one result. */
    static final long BUDGET_BYTES = 64L << 20;

    private record Key(Explained explained, int layer, int head, boolean allHeads, boolean rollout,
                       boolean hideSpecial, boolean wordLevel, boolean norms) {
    }

    /** What a view says in place of norms for a result computed without them; weights are shown instead. */
    public static final String NOT_COMPUTED = "norms not computed, weights α shown";

    private final List<ObservableValue<Explained>> followed;
    private final Map<Key, ShownMatrix> recent = new LinkedHashMap<>(32, 0.75f, true);
    private long bytes;

    /** A cache for the results {@code followed} hold; entries of any other result are dropped as it changes. */
    @SafeVarargs
    public MatrixCache(ObservableValue<Explained>... followed) {
        this.followed = List.of(followed);
        for (ObservableValue<Explained> f : this.followed) {
            // A change listener, not an invalidation one: it must hear every replacement, read or not.
            f.addListener((obs, old, now) -> dropReplaced());
        }
    }

    /** The matrix {@code selection} shows for {@code explained}; null while there is no result. */
    public ShownMatrix get(Explained explained, Selection selection) {
        boolean rollout = selection.rolloutProperty().get();
        boolean allHeads = !rollout && selection.allHeadsProperty().get();
        return get(explained, selection.layer(), rollout || allHeads ? -1 : selection.head(), allHeads, rollout,
                selection.hideSpecialProperty().get(), selection.wordLevelProperty().get(),
                selection.normsProperty().get());
    }

    /**
     * One head of {@code layer} (or the mean or rollout when {@code head} is -1), cached like the shown one.
     * Norms asked of a result that carries none are the weights, with a note saying so.
     */
    public ShownMatrix get(Explained explained, int layer, int head, boolean allHeads, boolean rollout,
                           boolean hideSpecial, boolean wordLevel, boolean norms) {
        if (explained == null) {
            return null;
        }
        boolean withNorms = norms && NormAttention.available(explained.result());
        Key key = new Key(explained, layer, head, allHeads, rollout, hideSpecial, wordLevel, norms);
        ShownMatrix m = recent.get(key);
        if (m == null) {
            m = ShownMatrix.of(explained.result(), layer, Math.max(0, head), allHeads, rollout, hideSpecial,
                    wordLevel, withNorms, explained.textA(), explained.textB());
            if (norms && !withNorms) {
                m = new ShownMatrix(m.values(), m.size(), m.labels(), m.title() + " · " + NOT_COMPUTED,
                        m.note(), m.segments(), m.positions());
            }
            if (isFollowed(explained)) {
                recent.put(key, m);
                bytes += sizeOf(m);
                trimToBudget();
            }
        }
        return m;
    }

    /** Bytes held by the cached matrices; for tests and the status of a long session. */
    long bytes() {
        return bytes;
    }

    /** Number of cached matrices; for tests. */
    int size() {
        return recent.size();
    }

    private boolean isFollowed(Explained explained) {
        // A result no followed value holds would never be dropped again: compute it, but do not keep it.
        return followed.stream().anyMatch(f -> f.getValue() == explained);
    }

    private void dropReplaced() {
        for (Iterator<Map.Entry<Key, ShownMatrix>> it = recent.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Key, ShownMatrix> e = it.next();
            if (!isFollowed(e.getKey().explained())) {
                bytes -= sizeOf(e.getValue());
                it.remove();
            }
        }
    }

    private void trimToBudget() {
        for (Iterator<Map.Entry<Key, ShownMatrix>> it = recent.entrySet().iterator();
             bytes > BUDGET_BYTES && recent.size() > 1 && it.hasNext(); ) {
            bytes -= sizeOf(it.next().getValue());
            it.remove();
        }
    }

    private static long sizeOf(ShownMatrix m) {
        // The values dominate; labels and segments are a few dozen bytes per row.
        return 4L * m.values().length + 64L * m.size();
    }
}
