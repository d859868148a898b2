package io.headlight.model;

/**
 * Converts the tokenizer's offsets, counted in Unicode code points, to Java string indices (UTF-16 units):
 * they differ after any character outside the Basic Multilingual Plane, such as an emoji.
 */
final class CodePointIndex {
    private final String text;
    private final boolean identity;
    private int[] utf16;

    CodePointIndex(String text) {
        this.text = text;
        this.identity = text.codePointCount(0, text.length()) == text.length();
    }

    /** The UTF-16 index of code point {@code codePoint} ({@code text.length()} for the end). */
    int utf16(int codePoint) {
        if (identity) {
            return codePoint;
        }
        if (utf16 == null) {
            int count = text.codePointCount(0, text.length());
            utf16 = new int[count + 1];
            int index = 0;
            for (int cp = 0; cp < count; cp++) {
                utf16[cp] = index;
                index += Character.charCount(text.codePointAt(index));
            }
            utf16[count] = text.length();
        }
        return utf16[codePoint];
    }
}
