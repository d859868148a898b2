package io.headlight.render;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The shown matrix as CSV: a header of key labels, then one row per query, its label first. Each label is the
 * row's position and token ({@code 7 the}), so a token that occurs twice names two distinct rows and columns.
 * The header's first cell names the measure ({@code query\key · norms ‖α f(x)‖}): a file renamed or read
 * without its name still says what its numbers are, and pandas reads that cell as the index's name.
 */
public final class MatrixCsv {
    private MatrixCsv() {
    }

    /** @param norms whether {@code m} holds norm-based attention {@code ‖α f(x)‖} rather than the weights α */
    public static void write(ShownMatrix m, boolean norms, Path file) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(norms ? "query\\key · norms ‖α f(x)‖" : "query\\key · weights α");
            for (int k = 0; k < m.size(); k++) {
                out.write(',');
                out.write(quote(label(m, k)));
            }
            out.write('\n');
            char[] number = new char[FloatText.MAX_LENGTH + 1];
            number[0] = ',';
            for (int q = 0; q < m.size(); q++) {
                out.write(quote(label(m, q)));
                for (int k = 0; k < m.size(); k++) {
                    out.write(number, 0, FloatText.write(m.at(q, k), number, 1));
                }
                out.write('\n');
            }
        }
    }

    static String label(ShownMatrix m, int index) {
        return m.positionLabel(index);
    }

    /** RFC 4180 quoting, needed for tokens such as {@code ,} and {@code "}. */
    static String quote(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
