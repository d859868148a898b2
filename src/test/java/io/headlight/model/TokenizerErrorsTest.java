package io.headlight.model;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A bad tokenizer file or an empty text is a one-line {@link HeadlightException}, never a raw library error. */
class TokenizerErrorsTest {
    private static TextEncoder minilm;

    @BeforeAll
    static void open() throws HeadlightException {
        minilm = TextEncoder.open(ModelFixtures.tokenizer(ModelFixtures.MINILM), 512);
    }

    @AfterAll
    static void close() {
        minilm.close();
    }

    @Test
    void randomBytesAreNotATokenizer(@TempDir Path dir) throws IOException {
        byte[] bytes = new byte[4096];
        new Random(1).nextBytes(bytes);
        Path file = Files.write(dir.resolve("tokenizer.json"), bytes);

        assertRejectedNamingTheFile(file);
    }

    @Test
    void cutOffJsonIsNotATokenizer(@TempDir Path dir) throws IOException {
        String whole = Files.readString(ModelFixtures.tokenizer(ModelFixtures.MINILM));
        Path file = Files.writeString(dir.resolve("tokenizer.json"), whole.substring(0, whole.length() / 2));

        assertRejectedNamingTheFile(file);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "[1, 2, 3]",
            "{\"version\": \"1.0\", \"truncation\": null}",
            "{\"model\": {\"type\": \"NoSuchModel\", \"vocab\": {\"a\": 0}}}",
            "{\"model\": {\"type\": \"WordPiece\", \"vocab\": {\"a\": \"zero\"}}}"})
    void jsonThatIsNotATokenizerIsRejected(String json, @TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("tokenizer.json"), json, StandardCharsets.UTF_8);

        assertRejectedNamingTheFile(file);
    }

    @Test
    void missingFileSaysWhereItWasLookedFor(@TempDir Path dir) {
        Path file = dir.resolve("tokenizer.json");

        HeadlightException e = assertThrows(HeadlightException.class, () -> TextEncoder.open(file, 512));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertOneLine(e.getMessage());
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", " ", " \t\n\r ", "\u3000", "\u00a0\u0000\u00a0"})
    void emptyOrWhitespaceTextAsksForText(String text) {
        HeadlightException e = assertThrows(HeadlightException.class, () -> minilm.encode(text, null));

        assertTrue(e.getMessage().startsWith("Type some text"), e.getMessage());
        assertOneLine(e.getMessage());
    }

    @Test
    void emptyFirstSentenceIsRejectedEvenWithASecond() {
        assertThrows(HeadlightException.class, () -> minilm.encode("  ", "There is a second sentence."));
    }

    @Test
    void encoderStillWorksAfterRejectingText() throws HeadlightException {
        assertThrows(HeadlightException.class, () -> minilm.encode("", null));

        assertEquals(3, minilm.encode("fine", null).length());
    }

    private static void assertRejectedNamingTheFile(Path file) {
        HeadlightException e = assertThrows(HeadlightException.class, () -> TextEncoder.open(file, 512));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("not a valid tokenizer.json"), e.getMessage());
        assertOneLine(e.getMessage());
    }

    private static void assertOneLine(String message) {
        assertFalse(message.isBlank());
        assertFalse(message.contains("\n") || message.contains("\r"), "one line: " + message);
    }
}
