package io.headlight.ui.views;

import io.headlight.render.ShownMatrix;
import io.headlight.ui.canvas.FxFonts;
import javafx.css.PseudoClass;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;

import java.util.List;
import java.util.Locale;
import java.util.function.IntConsumer;
import java.util.function.IntUnaryOperator;
import java.util.function.Supplier;

/**
 * The toolbar's "go to token" field (Ctrl+G): a position ("137") or a word ("the"); Enter again on the same word
 * goes to its next occurrence.
 */
final class GoToField {
    /** Red text for a word not found; a pseudo-class, since the font choice owns the field's inline style. */
    private static final PseudoClass NOT_FOUND = PseudoClass.getPseudoClass("not-found");
    private final TextField field = new TextField();
    private int last = -1;

    /**
     * @param shown the matrix now shown, or null
     * @param go    called with the row found
     */
    GoToField(Supplier<ShownMatrix> shown, IntConsumer go) {
        field.setId("goToToken");
        field.setPromptText("go to token");
        field.setPrefColumnCount(8);
        FxFonts.follow(field, field.textProperty());
        field.setTooltip(new Tooltip("Go to a token by position (137) or word (the); Enter again for the next (Ctrl+G)"));
        field.textProperty().addListener(obs -> {
            field.pseudoClassStateChanged(NOT_FOUND, false);
            last = -1;
        });
        field.setOnAction(e -> {
            ShownMatrix m = shown.get();
            int at = m == null ? -1 : find(m.labels(), m::rowOf, field.getText(), last);
            if (at < 0) {
                field.pseudoClassStateChanged(NOT_FOUND, true);
                return;
            }
            last = at;
            go.accept(at);
        });
    }

    TextField node() {
        return field;
    }

    void focus() {
        field.requestFocus();
        field.selectAll();
    }

    /** As {@link #find(List, IntUnaryOperator, String, int)} with row i at position i. */
    static int find(List<String> labels, String query, int after) {
        return find(labels, p -> p < labels.size() ? p : -1, query, after);
    }

    /**
     * The row {@code query} names in {@code labels}: a number is a position ({@code rowOf} gives its row, -1 when
     * it is not shown, as with special tokens hidden); a word is the first token after {@code after} (wrapping
     * around) equal to it, ignoring case and word-piece marks, else the first that starts with it. -1 when there
     * is none.
     */
    static int find(List<String> labels, IntUnaryOperator rowOf, String query, int after) {
        String q = query == null ? "" : query.strip().toLowerCase(Locale.ROOT);
        if (q.isEmpty() || labels.isEmpty()) {
            return -1;
        }
        if (q.matches("#?\\d{1,6}")) {
            return rowOf.applyAsInt(Integer.parseInt(q.replace("#", "")));
        }
        int n = labels.size();
        for (boolean prefix : new boolean[] {false, true}) {
            for (int d = 1; d <= n; d++) {
                int i = Math.floorMod(after + d, n);
                String t = labels.get(i).toLowerCase(Locale.ROOT).replace("##", "");
                if (prefix ? t.startsWith(q) : t.equals(q)) {
                    return i;
                }
            }
        }
        return -1;
    }
}
