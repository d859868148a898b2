package io.headlight.ui;

import io.headlight.render.AtomicFile;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * What the window remembers between launches: last model, view, colour map, theme, measure, window size, sentences,
 * layer and head, in a small properties file of the user's (a file given from outside in tests).
 *
 * <p>Two windows may be open at once, so a window writes only what it changed: {@link #flush} re-reads the
 * file under a lock, applies this window's changes on top and writes the result atomically. The window closed
 * last thus keeps the colour map another one changed, and a crash mid-write never leaves half a file.
 */
public final class RememberedSettings {
    private static final Logger LOG = Logger.getLogger(RememberedSettings.class.getName());
    private static final String MODEL = "model";
    private static final String VIEW = "view";
    private static final String COLOR_MAP = "colorMap";
    private static final String DARK = "dark";
    private static final String MEASURE = "measure";
    private static final String WIDTH = "width";
    private static final String HEIGHT = "height";
    private static final String TEXT_A = "textA";
    private static final String TEXT_B = "textB";
    private static final String LAYER = "layer";
    private static final String HEAD = "head";

    private final Path file;
    private final Properties known;
    private final Map<String, String> changed = new HashMap<>();

    /** Settings kept in {@code file}; what it holds now is what the getters return. */
    public RememberedSettings(Path file) {
        this.file = file;
        this.known = read(file);
    }

    /** The user's own file, {@code $XDG_CONFIG_HOME/headlight/settings.properties} (~/.config by default). */
    public static RememberedSettings forUser() {
        String config = System.getenv("XDG_CONFIG_HOME");
        Path base = config != null && !config.isBlank() ? Path.of(config)
                : Path.of(System.getProperty("user.home"), ".config");
        return new RememberedSettings(base.resolve("headlight").resolve("settings.properties"));
    }

    public String model(String fallback) {
        return get(MODEL, fallback);
    }

    public void rememberModel(String idOrPath) {
        put(MODEL, idOrPath);
    }

    public String view(String fallback) {
        return get(VIEW, fallback);
    }

    public void rememberView(String view) {
        put(VIEW, view);
    }

    public String colorMap(String fallback) {
        return get(COLOR_MAP, fallback);
    }

    public void rememberColorMap(String name) {
        put(COLOR_MAP, name);
    }

    public boolean dark() {
        return Boolean.parseBoolean(get(DARK, "false"));
    }

    public void rememberDark(boolean dark) {
        put(DARK, Boolean.toString(dark));
    }

    /** Whether the last session showed norms ‖α f(x)‖ rather than weights α. */
    public boolean norms() {
        return "norms".equals(get(MEASURE, "weights"));
    }

    public void rememberNorms(boolean norms) {
        put(MEASURE, norms ? "norms" : "weights");
    }

    public double width(double fallback) {
        return number(WIDTH, fallback);
    }

    public double height(double fallback) {
        return number(HEIGHT, fallback);
    }

    public void rememberSize(double width, double height) {
        put(WIDTH, Double.toString(width));
        put(HEIGHT, Double.toString(height));
    }

    /** Sentence A of the last session, or {@code fallback} before the first. */
    public String textA(String fallback) {
        return get(TEXT_A, fallback);
    }

    /** Sentence B of the last session; empty when there was none. */
    public String textB() {
        return get(TEXT_B, "");
    }

    public void rememberTexts(String a, String b) {
        put(TEXT_A, a == null ? "" : a);
        put(TEXT_B, b == null ? "" : b);
    }

    /** The layer shown last, or -1 when none was remembered. */
    public int layer() {
        return (int) number(LAYER, -1);
    }

    /** The head shown last, or -1 when none was remembered. */
    public int head() {
        return (int) number(HEAD, -1);
    }

    public void rememberHead(int layer, int head) {
        put(LAYER, Integer.toString(layer));
        put(HEAD, Integer.toString(head));
    }

    /**
     * Writes this window's changes over what the file holds now (another window may have written since we
     * read it); losing settings is not worth an error dialog, so a failure is only logged.
     */
    public void flush() {
        if (changed.isEmpty()) {
            return;
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path lock = file.resolveSibling(file.getFileName() + ".lock");
            try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = channel.lock()) {
                Properties merged = read(file);
                changed.forEach(merged::setProperty);
                AtomicFile.write(file, temp -> {
                    try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                        merged.store(out, "Headlight's remembered settings");
                    }
                });
                known.clear();
                known.putAll(merged);
                changed.clear();
            }
        } catch (IOException | RuntimeException e) {
            LOG.fine("settings not saved: " + e.getMessage());
        }
    }

    private String get(String key, String fallback) {
        return known.getProperty(key, fallback);
    }

    private void put(String key, String value) {
        known.setProperty(key, value);
        changed.put(key, value);
    }

    private double number(String key, double fallback) {
        try {
            return Double.parseDouble(get(key, Double.toString(fallback)));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static Properties read(Path file) {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (NoSuchFileException e) {
            // First launch: nothing remembered yet.
        } catch (IOException | IllegalArgumentException e) {
            LOG.fine("settings not read: " + e.getMessage());
        }
        return p;
    }
}
