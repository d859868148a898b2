package io.headlight.ui;

/**
 * One entry of the model picker: a bundled model id or a user's folder/.onnx path, or the "Open model…" entry.
 *
 * @param key   what {@link ExplorerViewModel#loadModel} takes; null for the opener entry
 * @param label what the picker shows
 */
public record ModelChoice(String key, String label) {
    public static final ModelChoice OPEN = new ModelChoice(null, "Open model…");

    public boolean opensChooser() {
        return key == null;
    }

    @Override
    public String toString() {
        return label;
    }
}
