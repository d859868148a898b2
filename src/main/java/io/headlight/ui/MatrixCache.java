package io.headlight.ui;

import io.headlight.render.ShownMatrix;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers the last few shown matrices, so views that share a selection compute it once and scrubbing back
 * to a layer under rollout (cubic in T) does not compute it again.
 */
public final class MatrixCache {
    private static final int CAPACITY = 24;

    private record Key(Explained explained, int layer, int head, boolean allHeads, boolean rollout,
                       boolean hideSpecial, boolean wordLevel) {
    }

    private final Map<Key, ShownMatrix> recent = new LinkedHashMap<>(32, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, ShownMatrix> eldest) {
            return size() > CAPACITY;
        }
    };

    /** The matrix {@code selection} shows for {@code explained}; null while there is no result. */
    public ShownMatrix get(Explained explained, Selection selection) {
        if (explained == null) {
            return null;
        }
        boolean rollout = selection.rolloutProperty().get();
        boolean allHeads = !rollout && selection.allHeadsProperty().get();
        Key key = new Key(explained, selection.layer(), rollout || allHeads ? -1 : selection.head(), allHeads,
                rollout, selection.hideSpecialProperty().get(), selection.wordLevelProperty().get());
        ShownMatrix m = recent.get(key);
        if (m == null) {
            m = ShownMatrix.of(explained.result(), selection.layer(), selection.head(), allHeads, rollout,
                    key.hideSpecial(), key.wordLevel(), explained.textA(), explained.textB());
            recent.put(key, m);
        }
        return m;
    }
}
