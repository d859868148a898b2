package io.headlight.ui;

import io.headlight.render.PairFilter;

import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableSet;

import java.util.List;

/**
 * What every view shows: one layer and head (or the mean of a layer's heads, or rollout up to the layer), at
 * token or word level, with or without special tokens, as weights α or norms ‖α f(x)‖. All views read this one object, so a change made in
 * one view (a click in the model view) is what the others show.
 */
public final class Selection {
    private final ReadOnlyIntegerWrapper layers = new ReadOnlyIntegerWrapper(this, "layers", 1);
    private final ReadOnlyIntegerWrapper heads = new ReadOnlyIntegerWrapper(this, "heads", 1);
    private final IntegerProperty layer = new SimpleIntegerProperty(this, "layer", 0);
    private final IntegerProperty head = new SimpleIntegerProperty(this, "head", 0);
    private final BooleanProperty allHeads = new SimpleBooleanProperty(this, "allHeads", false);
    private final BooleanProperty rollout = new SimpleBooleanProperty(this, "rollout", false);
    private final BooleanProperty wordLevel = new SimpleBooleanProperty(this, "wordLevel", false);
    private final BooleanProperty hideSpecial = new SimpleBooleanProperty(this, "hideSpecial", false);
    private final BooleanProperty norms = new SimpleBooleanProperty(this, "norms", false);
    private final IntegerProperty queryToken = new SimpleIntegerProperty(this, "queryToken", 1);
    private final ObjectProperty<PairFilter> pairFilter = new SimpleObjectProperty<>(this, "pairFilter", PairFilter.ALL);
    private final ObservableSet<Integer> hiddenHeads = FXCollections.observableSet();

    public Selection() {
        layer.addListener((obs, old, now) -> clampLayer());
        head.addListener((obs, old, now) -> clampHead());
    }

    /** Fits the selection to a model of {@code layerCount} x {@code headCount}, keeping it where it still fits. */
    public void setShape(int layerCount, int headCount) {
        layers.set(Math.max(1, layerCount));
        heads.set(Math.max(1, headCount));
        clampLayer();
        clampHead();
        hiddenHeads.removeIf(h -> h >= headCount);
    }

    public void nextLayer() {
        layer.set(Math.min(layer.get() + 1, layers.get() - 1));
    }

    public void previousLayer() {
        layer.set(Math.max(layer.get() - 1, 0));
    }

    public void nextHead() {
        head.set(Math.min(head.get() + 1, heads.get() - 1));
    }

    public void previousHead() {
        head.set(Math.max(head.get() - 1, 0));
    }

    /** Opens one head: the single-head matrix of that layer, not the mean or rollout. */
    public void openHead(int layerIndex, int headIndex) {
        allHeads.set(false);
        rollout.set(false);
        layer.set(layerIndex);
        head.set(headIndex);
    }

    /** Calls {@code listener} whenever anything a view draws from changes. */
    public void addListener(InvalidationListener listener) {
        for (Observable o : List.of(layer, head, allHeads, rollout, wordLevel, hideSpecial, norms, queryToken,
                pairFilter, hiddenHeads, layers, heads)) {
            o.addListener(listener);
        }
    }

    private void clampLayer() {
        int clamped = Math.max(0, Math.min(layer.get(), layers.get() - 1));
        if (clamped != layer.get()) {
            layer.set(clamped);
        }
    }

    private void clampHead() {
        int clamped = Math.max(0, Math.min(head.get(), heads.get() - 1));
        if (clamped != head.get()) {
            head.set(clamped);
        }
    }

    public ReadOnlyIntegerProperty layersProperty() {
        return layers.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty headsProperty() {
        return heads.getReadOnlyProperty();
    }

    public IntegerProperty layerProperty() {
        return layer;
    }

    public IntegerProperty headProperty() {
        return head;
    }

    public BooleanProperty allHeadsProperty() {
        return allHeads;
    }

    public BooleanProperty rolloutProperty() {
        return rollout;
    }

    public BooleanProperty wordLevelProperty() {
        return wordLevel;
    }

    public BooleanProperty hideSpecialProperty() {
        return hideSpecial;
    }

    /** The measure every view shows: norm-based attention {@code ‖α f(x)‖} when true, the weights α when false. */
    public BooleanProperty normsProperty() {
        return norms;
    }

    public IntegerProperty queryTokenProperty() {
        return queryToken;
    }

    public ObjectProperty<PairFilter> pairFilterProperty() {
        return pairFilter;
    }

    /** Heads switched off in the head view, bertviz style. */
    public ObservableSet<Integer> hiddenHeads() {
        return hiddenHeads;
    }

    public int layer() {
        return layer.get();
    }

    public int head() {
        return head.get();
    }
}
