package io.headlight.ui;

import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/**
 * What the window remembers between launches: last model, view, colour map, theme and window size. Kept in a
 * {@link Preferences} node given from outside so tests can use a node of their own and remove it.
 */
public final class RememberedSettings {
    private static final String MODEL = "model";
    private static final String VIEW = "view";
    private static final String COLOR_MAP = "colorMap";
    private static final String DARK = "dark";
    private static final String WIDTH = "width";
    private static final String HEIGHT = "height";

    private final Preferences node;

    public RememberedSettings(Preferences node) {
        this.node = node;
    }

    /** The app's own node, shared by every launch of this user. */
    public static RememberedSettings forUser() {
        return new RememberedSettings(Preferences.userRoot().node("io/headlight/explorer"));
    }

    public String model(String fallback) {
        return node.get(MODEL, fallback);
    }

    public void rememberModel(String idOrPath) {
        node.put(MODEL, idOrPath);
    }

    public String view(String fallback) {
        return node.get(VIEW, fallback);
    }

    public void rememberView(String view) {
        node.put(VIEW, view);
    }

    public String colorMap(String fallback) {
        return node.get(COLOR_MAP, fallback);
    }

    public void rememberColorMap(String name) {
        node.put(COLOR_MAP, name);
    }

    public boolean dark() {
        return node.getBoolean(DARK, false);
    }

    public void rememberDark(boolean dark) {
        node.putBoolean(DARK, dark);
    }

    public double width(double fallback) {
        return node.getDouble(WIDTH, fallback);
    }

    public double height(double fallback) {
        return node.getDouble(HEIGHT, fallback);
    }

    public void rememberSize(double width, double height) {
        node.putDouble(WIDTH, width);
        node.putDouble(HEIGHT, height);
    }

    /** Writes to the backing store now; losing settings is not worth an error dialog. */
    public void flush() {
        try {
            node.flush();
        } catch (BackingStoreException e) {
            java.util.logging.Logger.getLogger(RememberedSettings.class.getName())
                    .fine("settings not saved: " + e.getMessage());
        }
    }
}
