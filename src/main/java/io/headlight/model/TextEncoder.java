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
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Turns text into a model's input with the model's own {@code tokenizer.json}, through DJL's HuggingFace
 * tokenizer (native, offline).
 *
 * <p>Any HuggingFace tokenizer family works: WordPiece (BERT), byte-level BPE (RoBERTa, GPT-2) and
 * Unigram/SentencePiece (ALBERT, XLM-R, T5). The special tokens and the pair template are the tokenizer's own
 * post-processor's: BERT's {@code [CLS] A [SEP] B [SEP]} with type ids 0 and 1, RoBERTa's
 * {@code <s> A </s></s> B </s>}. Each token carries a readable label, its word (the tokenizer's pre-tokenizer
 * split) and its sentence. Input longer than {@link #maxLength()} tokens is cut, longest
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
    private final TokenizerVocabulary vocabulary;
    private final HuggingFaceTokenizer tokenizer;
    private final Map<Long, String> decodedById = new ConcurrentHashMap<>();
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private boolean closed;

    private TextEncoder(Path file, int maxLength, TokenizerVocabulary vocabulary, HuggingFaceTokenizer tokenizer) {
        this.file = file;
        this.maxLength = maxLength;
        this.vocabulary = vocabulary;
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
        TokenizerVocabulary vocabulary = TokenizerVocabulary.read(tokenizerJson, json);
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
            return new TextEncoder(tokenizerJson, maxLength, vocabulary, tokenizer);
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
     * @throws HeadlightException if {@code textA} is null, blank, or holds nothing the tokenizer reads
     */
    public Encoding encode(String textA, String textB) throws HeadlightException {
        if (textA == null || textA.isBlank()) {
            throw new HeadlightException("Type some text to explain: the first sentence is empty.");
        }
        String second = textB == null || textB.isBlank() ? null : textB;
        ai.djl.huggingface.tokenizers.Encoding raw;
        String[] decoded;
        lock.readLock().lock();
        try {
            ensureOpen();
            // Overflowing tokens are requested only so that DJL frees their native copies; they are dropped.
            raw = second == null
                    ? tokenizer.encode(textA, true, true)
                    : tokenizer.encode(textA, second, true, true);
            decoded = decodeEach(raw.getIds());
        } finally {
            lock.readLock().unlock();
        }
        return toEncoding(raw, decoded, textA, second);
    }

    /** Largest id the tokenizer can produce, plus one: the embedding rows the model needs. */
    public int vocabSize() {
        ensureOpenNow();
        return vocabulary.size();
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

    /**
     * Each piece through the tokenizer's own decoder, alone. A piece decodes the same wherever it stands, so
     * each id is decoded once per tokenizer, all new ones of an input in one call.
     */
    private String[] decodeEach(long[] ids) {
        long[] missing = Arrays.stream(ids).filter(id -> !decodedById.containsKey(id)).distinct().toArray();
        if (missing.length > 0) {
            long[][] each = new long[missing.length][];
            for (int i = 0; i < missing.length; i++) {
                each[i] = new long[] {missing[i]};
            }
            String[] texts = tokenizer.batchDecode(each, false);
            for (int i = 0; i < missing.length; i++) {
                decodedById.put(missing[i], texts[i]);
            }
        }
        String[] out = new String[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = decodedById.get(ids[i]);
        }
        return out;
    }

    private Encoding toEncoding(ai.djl.huggingface.tokenizers.Encoding raw, String[] decoded, String textA,
                                String textB) throws HeadlightException {
        long[] ids = raw.getIds();
        long[] typeIds = raw.getTypeIds();
        long[] sequence = raw.getSequenceIds();
        long[] words = raw.getWordIds();
        String[] pieces = raw.getTokens();
        CharSpan[] spans = raw.getCharTokenSpans();
        boolean[] special = special(raw.getSpecialTokenMask(), ids);
        int[] segments = segments(sequence, typeIds);
        CodePointIndex indexA = new CodePointIndex(textA);
        CodePointIndex indexB = textB == null ? null : new CodePointIndex(textB);
        List<Token> tokens = new ArrayList<>(ids.length);
        int wordsOfA = 0;
        for (int i = 0; i < ids.length; i++) {
            boolean ofB = sequence[i] == 1 && indexB != null;
            if (!special[i] && sequence[i] == 0) {
                wordsOfA++;
            }
            int start = -1;
            int end = -1;
            if (!special[i] && spans[i] != null) {
                CodePointIndex index = ofB ? indexB : indexA;
                start = index.utf16(spans[i].getStart());
                end = index.utf16(spans[i].getEnd());
            }
            String original = start < 0 ? "" : (ofB ? textB : textA).substring(start, end);
            String label = special[i] ? pieces[i] : TokenLabel.of(pieces[i], decoded[i], original,
                    ids[i] == vocabulary.unknownId());
            tokens.add(new Token(label, pieces[i], ids[i], (int) typeIds[i], segments[i],
                    special[i] ? -1 : (int) words[i], special[i], start, end));
        }
        if (wordsOfA == 0) {
            // Non-breaking spaces or control characters only: not blank to Java, nothing to the tokenizer.
            throw new HeadlightException("Type some text to explain: the first sentence has no readable characters.");
        }
        return new Encoding(tokens, raw.exceedMaxLength());
    }

    /**
     * The template's special tokens, and special tokens written in the text itself ({@code <pad>}, {@code [SEP]}),
     * which the tokenizer's own mask leaves out. The unknown token is ordinary text the vocabulary lacks.
     */
    private boolean[] special(long[] mask, long[] ids) {
        boolean[] special = new boolean[ids.length];
        for (int i = 0; i < ids.length; i++) {
            special[i] = mask[i] != 0
                    || (vocabulary.specialIds().contains(ids[i]) && ids[i] != vocabulary.unknownId());
        }
        return special;
    }

    /**
     * Sentence A or B of each token. Text takes its sequence id; a template token takes its type id where the
     * type ids tell the sentences apart (BERT: {@code [SEP]} closes its sentence), else the sentence it follows
     * (RoBERTa's {@code <s> A </s></s> B </s>}, all type id 0: the separators go with A, the last with B).
     */
    private static int[] segments(long[] sequence, long[] typeIds) {
        boolean typesTell = true;
        for (int i = 0; i < sequence.length; i++) {
            if (sequence[i] >= 0 && typeIds[i] != sequence[i]) {
                typesTell = false;
            }
        }
        int[] segments = new int[sequence.length];
        int current = 0;
        for (int i = 0; i < sequence.length; i++) {
            if (sequence[i] >= 0) {
                current = sequence[i] == 0 ? 0 : 1;
                segments[i] = current;
            } else {
                segments[i] = typesTell && (typeIds[i] == 0 || typeIds[i] == 1) ? (int) typeIds[i] : current;
            }
        }
        return segments;
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
