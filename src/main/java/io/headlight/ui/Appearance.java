package io.headlight.ui;

import io.headlight.render.ColorMap;
import javafx.beans.InvalidationListener;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.util.List;

/**
 * How figures look: the colour map and the light or dark theme. The theme reaches the controls through a CSS
 * file each and the canvas through the colours below, so figures match the window.
 */
public final class Appearance {
    public static final List<String> COLOR_MAP_NAMES = List.of("YlGnBu", "viridis", "magma", "greys");

    private final StringProperty colorMapName = new SimpleStringProperty(this, "colorMapName", "YlGnBu");
    private final BooleanProperty dark = new SimpleBooleanProperty(this, "dark", false);

    public StringProperty colorMapNameProperty() {
        return colorMapName;
    }

    public BooleanProperty darkProperty() {
        return dark;
    }

    public ColorMap colorMap() {
        return ColorMap.byName(colorMapName.get());
    }

    public boolean dark() {
        return dark.get();
    }

    /** Figure background, ARGB. */
    public int background() {
        return dark.get() ? 0xFF1E1F22 : 0xFFFFFFFF;
    }

    /** Figure text and axis colour, ARGB. */
    public int foreground() {
        return dark.get() ? 0xFFE6E6E6 : 0xFF202020;
    }

    /** Highlight for the hovered or selected cell, ARGB. */
    public int accent() {
        return dark.get() ? 0xFFFFB000 : 0xFFD9480F;
    }

    public String stylesheet() {
        String name = dark.get() ? "dark.css" : "light.css";
        return Appearance.class.getResource(name).toExternalForm();
    }

    public void addListener(InvalidationListener listener) {
        colorMapName.addListener(listener);
        dark.addListener(listener);
    }
}
