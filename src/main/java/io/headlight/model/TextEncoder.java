package io.headlight.model;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Turns text into a model's input with the model's own {@code tokenizer.json}, through DJL's HuggingFace
 * tokenizer (native, offline).
 *
 * <p>One text becomes {@code [CLS] A [SEP]}, a pair {@code [CLS] A [SEP] B [SEP]} with type ids 0 and 1 (the
 * exact template is the tokenizer's own). Input longer than {@link #maxLength()} tokens is cut, longest
 * sentence first, and the encoding says so; the truncation and padding written in the file (MiniLM's says
 * 128 and pads to 128) are ignored, because the limit that matters is the model's position table.
 *
 * <p>Owns a native tokenizer: close it. Encoding from several threads at once is safe; closing waits for
 * running encodings, and any use after close throws {@link IllegalStateException}.
 */
public final class TextEncoder implements AutoCloseable {
    private static final int FEWEST_POSITIONS = 4;

    private final Path file;
    private final int maxLength;
    private final int vocabSize;
    private final HuggingFaceTokenizer tokenizer;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private boolean closed;

    private TextEncoder(Path file, int maxLength, int vocabSize, HuggingFaceTokenizer tokenizer) {
        this.file = file;
        this.maxLength = maxLength;
        this.vocabSize = vocabSize;
        this.tokenizer = tokenizer;
    }

    /**
     * Loads a tokenizer.
     *
     * @param tokenizerJson a HuggingFace {@code tokenizer.json}
     * @param maxLength     the model's position limit (512 for the bundled models), special tokens included
     * @throws HeadlightException if the file is missing, unreadable or not a tokenizer
     */
    public static TextEncoder open(Path tokenizerJson, int maxLength) throws HeadlightException {
        if (maxLength < FEWEST_POSITIONS) {
            throw new IllegalArgumentException("maxLength " + maxLength + " leaves no room for text");
        }
        if (!Files.isRegularFile(tokenizerJson)) {
            throw new HeadlightException("Tokenizer file not found: " + tokenizerJson
                    + "; put the model's tokenizer.json next to its .onnx file");
        }
        String json;
        try {
            json = Files.readString(tokenizerJson, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw TokenizerVocabulary.invalid(tokenizerJson, "it is not UTF-8 text", e);
        } catch (IOException e) {
            throw new HeadlightException("Cannot read tokenizer file " + tokenizerJson + " (" + e.getMessage()
                    + "); check that it exists and is readable", e);
        }
        int vocabSize = TokenizerVocabulary.size(tokenizerJson, json);
        goOffline();
        // modelMaxLength too, or DJL would silently clamp maxLength to its default of 512.
        Map<String, String> options = Map.of(
                "addSpecialTokens", "true",
                "truncation", "LONGEST_FIRST",
                "maxLength", String.valueOf(maxLength),
                "modelMaxLength", String.valueOf(maxLength),
                "padding", "false",
                "stride", "0");
        try {
            HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(
                    new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), options);
            return new TextEncoder(tokenizerJson, maxLength, vocabSize, tokenizer);
        } catch (IOException | RuntimeException e) {
            String reason = String.valueOf(e.getMessage()).lines().findFirst().orElse("unknown error");
            throw TokenizerVocabulary.invalid(tokenizerJson, "the tokenizer library says: " + reason, e);
        }
    }

    /**
     * Encodes one text, or a pair.
     *
     * @param textA the text, or the first sentence of a pair
     * @param textB the second sentence, or null (or blank) for a single text
     * @throws HeadlightException if {@code textA} is null or blank
     */
    public Encoding encode(String textA, String textB) throws HeadlightException {
        if (textA == null || textA.isBlank()) {
            throw new HeadlightException("Type some text to explain: the first sentence is empty.");
        }
        String second = textB == null || textB.isBlank() ? null : textB;
        ai.djl.huggingface.tokenizers.Encoding raw;
        lock.readLock().lock();
        try {
            ensureOpen();
            // Overflowing tokens are requested only so that DJL frees their native copies; they are dropped.
            raw = second == null
                    ? tokenizer.encode(textA, true, true)
                    : tokenizer.encode(textA, second, true, true);
        } finally {
            lock.readLock().unlock();
        }
        return toEncoding(raw, textA, second);
    }

    /** Largest id the tokenizer can produce, plus one: the embedding rows the model needs. */
    public int vocabSize() {
        ensureOpenNow();
        return vocabSize;
    }

    /** Most tokens an encoding holds, special tokens included. */
    public int maxLength() {
        ensureOpenNow();
        return maxLength;
    }

    /** Frees the native tokenizer; idempotent. */
    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (!closed) {
                closed = true;
                tokenizer.close();
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public String toString() {
        return "TextEncoder[" + file + ", maxLength=" + maxLength + "]";
    }

    private static Encoding toEncoding(ai.djl.huggingface.tokenizers.Encoding raw, String textA, String textB) {
        long[] ids = raw.getIds();
        long[] typeIds = raw.getTypeIds();
        long[] special = raw.getSpecialTokenMask();
        long[] sequence = raw.getSequenceIds();
        String[] texts = raw.getTokens();
        CharSpan[] spans = raw.getCharTokenSpans();
        CodePointIndex indexA = new CodePointIndex(textA);
        CodePointIndex indexB = textB == null ? null : new CodePointIndex(textB);
        List<Token> tokens = new ArrayList<>(ids.length);
        for (int i = 0; i < ids.length; i++) {
            boolean isSpecial = special[i] != 0;
            int start = -1;
            int end = -1;
            if (!isSpecial && spans[i] != null) {
                CodePointIndex index = sequence[i] == 1 && indexB != null ? indexB : indexA;
                start = index.utf16(spans[i].getStart());
                end = index.utf16(spans[i].getEnd());
            }
            tokens.add(new Token(texts[i], ids[i], (int) typeIds[i], isSpecial, start, end));
        }
        return new Encoding(tokens, raw.exceedMaxLength());
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("this TextEncoder is closed");
        }
    }

    private void ensureOpenNow() {
        lock.readLock().lock();
        try {
            ensureOpen();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** DJL may otherwise try to reach the network (telemetry, downloads); Headlight never does. */
    private static void goOffline() {
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
    }
}
