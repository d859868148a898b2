package io.headlight.model;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Small but complete HuggingFace {@code tokenizer.json} files of the families the bundled models lack, written
 * as the {@code tokenizers} library saves them: a byte-level BPE one as RoBERTa's (ByteLevel pre-tokenizer and
 * decoder, RobertaProcessing) and a Unigram one as ALBERT's (NFKC and lowercase, Metaspace, a TemplateProcessing
 * with type ids 0 and 1).
 */
public final class TokenizerFiles {
    /** Merges in rank order. The words that start with a space come first, so that no later merge cuts them. */
    public static final List<String> BPE_MERGES = List.of(
            "Ġ t", "Ġt h", "Ġth e",
            "Ġ w", "Ġw o", "Ġwo r", "Ġwor l", "Ġworl d",
            "Ġ c", "Ġc a", "Ġca f",
            "Ġ u", "Ġu n",
            "h e", "he l", "hel l", "hell o",
            "a f", "af f", "a b", "ab l", "abl e");
    public static final String BPE_CLS = "<s>";
    public static final String BPE_SEP = "</s>";

    /** Unigram pieces and their log probabilities; single characters are the fallback. */
    private static final Map<String, Double> UNIGRAM_PIECES = unigramPieces();
    public static final String UNIGRAM_CLS = "[CLS]";
    public static final String UNIGRAM_SEP = "[SEP]";

    private TokenizerFiles() {
    }

    /** RoBERTa's shape: {@code <s>}=0, {@code <pad>}=1, {@code </s>}=2, {@code <unk>}=3, the 256 byte symbols, merges. */
    public static Path byteLevelBpe(Path dir) throws IOException {
        Map<String, Integer> vocab = new LinkedHashMap<>();
        List<String> specials = List.of(BPE_CLS, "<pad>", BPE_SEP, "<unk>");
        for (String s : specials) {
            vocab.put(s, vocab.size());
        }
        for (char c : byteSymbols()) {
            vocab.putIfAbsent(String.valueOf(c), vocab.size());
        }
        JsonArray merges = new JsonArray();
        for (String merge : BPE_MERGES) {
            merges.add(merge);
            vocab.putIfAbsent(merge.replace(" ", ""), vocab.size());
        }
        JsonObject model = new JsonObject();
        model.addProperty("type", "BPE");
        model.add("dropout", null);
        model.add("unk_token", null);
        model.addProperty("continuing_subword_prefix", "");
        model.addProperty("end_of_word_suffix", "");
        model.addProperty("fuse_unk", false);
        model.addProperty("byte_fallback", false);
        JsonObject vocabJson = new JsonObject();
        vocab.forEach(vocabJson::addProperty);
        model.add("vocab", vocabJson);
        model.add("merges", merges);

        JsonObject root = header(specials, vocab);
        root.add("normalizer", null);
        root.add("pre_tokenizer", byteLevel());
        JsonObject post = new JsonObject();
        post.addProperty("type", "RobertaProcessing");
        post.add("sep", pair(BPE_SEP, vocab.get(BPE_SEP)));
        post.add("cls", pair(BPE_CLS, vocab.get(BPE_CLS)));
        post.addProperty("trim_offsets", true);
        post.addProperty("add_prefix_space", false);
        root.add("post_processor", post);
        root.add("decoder", byteLevel());
        root.add("model", model);
        return write(dir.resolve("bpe-tokenizer.json"), root);
    }

    /** ALBERT's shape: {@code <pad>}=0, {@code <unk>}=1, {@code [CLS]}=2, {@code [SEP]}=3, then the pieces. */
    public static Path unigram(Path dir) throws IOException {
        List<String> specials = List.of("<pad>", "<unk>", UNIGRAM_CLS, UNIGRAM_SEP);
        Map<String, Integer> ids = new LinkedHashMap<>();
        JsonArray vocab = new JsonArray();
        for (String s : specials) {
            ids.put(s, ids.size());
            vocab.add(piece(s, 0.0));
        }
        for (Map.Entry<String, Double> p : UNIGRAM_PIECES.entrySet()) {
            ids.put(p.getKey(), ids.size());
            vocab.add(piece(p.getKey(), p.getValue()));
        }
        JsonObject model = new JsonObject();
        model.addProperty("type", "Unigram");
        model.addProperty("unk_id", ids.get("<unk>"));
        model.add("vocab", vocab);
        model.addProperty("byte_fallback", false);

        JsonObject root = header(specials, ids);
        JsonObject normalizer = new JsonObject();
        normalizer.addProperty("type", "Sequence");
        JsonArray normalizers = new JsonArray();
        normalizers.add(typed("NFKC"));
        normalizers.add(typed("Lowercase"));
        normalizer.add("normalizers", normalizers);
        root.add("normalizer", normalizer);
        root.add("pre_tokenizer", metaspace());
        JsonObject post = new JsonObject();
        post.addProperty("type", "TemplateProcessing");
        JsonArray single = new JsonArray();
        single.add(special(UNIGRAM_CLS, 0));
        single.add(sequence("A", 0));
        single.add(special(UNIGRAM_SEP, 0));
        JsonArray pair = new JsonArray();
        pair.add(special(UNIGRAM_CLS, 0));
        pair.add(sequence("A", 0));
        pair.add(special(UNIGRAM_SEP, 0));
        pair.add(sequence("B", 1));
        pair.add(special(UNIGRAM_SEP, 1));
        post.add("single", single);
        post.add("pair", pair);
        JsonObject specialTokens = new JsonObject();
        for (String s : List.of(UNIGRAM_CLS, UNIGRAM_SEP)) {
            JsonObject t = new JsonObject();
            t.addProperty("id", s);
            JsonArray tokenIds = new JsonArray();
            tokenIds.add(ids.get(s));
            t.add("ids", tokenIds);
            JsonArray tokens = new JsonArray();
            tokens.add(s);
            t.add("tokens", tokens);
            specialTokens.add(s, t);
        }
        post.add("special_tokens", specialTokens);
        root.add("post_processor", post);
        root.add("decoder", metaspace());
        root.add("model", model);
        return write(dir.resolve("unigram-tokenizer.json"), root);
    }

    /** The pieces whose scores make "unaffable" come out as ▁un aff able, and Chinese as single characters. */
    private static Map<String, Double> unigramPieces() {
        Map<String, Double> pieces = new LinkedHashMap<>();
        pieces.put("▁", -3.0);
        for (String word : List.of("▁hello", "▁world", "▁the", "▁un", "aff", "able", "▁cat", "▁sat", "北京")) {
            pieces.put(word, -2.0);
        }
        for (char c : "abcdefghijklmnopqrstuvwxyz.,!'我喜欢北京天安门".toCharArray()) {
            pieces.putIfAbsent(String.valueOf(c), -6.0);
        }
        return pieces;
    }

    /** GPT-2's map from each byte to a printable character (space is Ġ), in byte order. */
    public static char[] byteSymbols() {
        List<Integer> printable = new ArrayList<>();
        for (int b = '!'; b <= '~'; b++) {
            printable.add(b);
        }
        for (int b = 0xA1; b <= 0xAC; b++) {
            printable.add(b);
        }
        for (int b = 0xAE; b <= 0xFF; b++) {
            printable.add(b);
        }
        char[] symbols = new char[256];
        int shifted = 0;
        for (int b = 0; b < 256; b++) {
            symbols[b] = printable.contains(b) ? (char) b : (char) (256 + shifted++);
        }
        return symbols;
    }

    private static JsonObject header(List<String> specials, Map<String, Integer> ids) {
        JsonObject root = new JsonObject();
        root.addProperty("version", "1.0");
        root.add("truncation", null);
        root.add("padding", null);
        JsonArray added = new JsonArray();
        for (String s : specials) {
            JsonObject t = new JsonObject();
            t.addProperty("id", ids.get(s));
            t.addProperty("content", s);
            t.addProperty("single_word", false);
            t.addProperty("lstrip", false);
            t.addProperty("rstrip", false);
            t.addProperty("normalized", false);
            t.addProperty("special", true);
            added.add(t);
        }
        root.add("added_tokens", added);
        return root;
    }

    private static JsonObject byteLevel() {
        JsonObject o = typed("ByteLevel");
        o.addProperty("add_prefix_space", false);
        o.addProperty("trim_offsets", true);
        o.addProperty("use_regex", true);
        return o;
    }

    private static JsonObject metaspace() {
        JsonObject o = typed("Metaspace");
        o.addProperty("replacement", "▁");
        o.addProperty("prepend_scheme", "always");
        o.addProperty("split", true);
        return o;
    }

    private static JsonObject typed(String type) {
        JsonObject o = new JsonObject();
        o.addProperty("type", type);
        return o;
    }

    private static JsonArray pair(String token, int id) {
        JsonArray a = new JsonArray();
        a.add(token);
        a.add(id);
        return a;
    }

    private static JsonArray piece(String piece, double score) {
        JsonArray a = new JsonArray();
        a.add(piece);
        a.add(score);
        return a;
    }

    private static JsonObject special(String id, int typeId) {
        return templatePart("SpecialToken", id, typeId);
    }

    private static JsonObject sequence(String id, int typeId) {
        return templatePart("Sequence", id, typeId);
    }

    /** One element of a TemplateProcessing template: {@code {"SpecialToken": {"id": "[CLS]", "type_id": 0}}}. */
    private static JsonObject templatePart(String kind, String id, int typeId) {
        JsonObject inner = new JsonObject();
        inner.addProperty("id", id);
        inner.addProperty("type_id", typeId);
        JsonObject o = new JsonObject();
        o.add(kind, inner);
        return o;
    }

    private static Path write(Path file, JsonObject root) throws IOException {
        return Files.writeString(file, root.toString(), StandardCharsets.UTF_8);
    }
}
