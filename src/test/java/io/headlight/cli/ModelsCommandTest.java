package io.headlight.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelsCommandTest {
    @Test
    void listsEveryBundledModelWithItsShape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"models"}, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, code);
        assertTrue(text.matches("(?s).*all-MiniLM-L6-v2\\s+6 x 12 .*installed \\(default\\).*"), text);
        assertTrue(text.matches("(?s).*bge-small-zh-v1.5\\s+4 x 8 .*"), text);
        assertTrue(text.matches("(?s).*bge-small-en-v1.5\\s+12 x 12.*"), text);
        assertTrue(text.matches("(?s).*e5-small-v2\\s+12 x 12.*"), text);
    }
}
