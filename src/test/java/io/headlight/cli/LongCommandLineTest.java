package io.headlight.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A paragraph given with {@code --text} makes a long command line, which once killed the process with SIGSEGV
 * while ONNX Runtime started (on the default thread stack). The CLI runs as a child process with Java's default
 * stack, as a user's shell starts it.
 */
class LongCommandLineTest {
    @Test
    void aTextOfEightThousandCharactersOnTheCommandLineIsExported(@TempDir Path dir) throws Exception {
        StringBuilder text = new StringBuilder();
        for (int i = 0; text.length() < 8_000; i++) {
            text.append("word").append(i).append(i % 11 == 10 ? ". " : " ");
        }
        Path npy = dir.resolve("attention.npy");
        Process process = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                "-Dai.djl.offline=true", "-Dheadlight.models.dir=" + System.getProperty("headlight.models.dir"),
                "-Dheadlight.cache.dir=" + dir.resolve("cache"),
                "-cp", System.getProperty("java.class.path"), "io.headlight.Launcher",
                "export", "--model", "all-MiniLM-L6-v2", "--text", text.toString(), "--npy", npy.toString()))
                .redirectOutput(dir.resolve("stdout.txt").toFile())
                .redirectError(dir.resolve("stderr.txt").toFile()).start();
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), "export finished");
        String stderr = Files.readString(dir.resolve("stderr.txt"));
        assertEquals(0, process.exitValue(), "exit " + process.exitValue() + ": " + stderr);
        assertTrue(stderr.contains("cut to 512 tokens"), stderr);
        // 6 layers x 12 heads x 512 x 512 floats after the .npy header
        assertTrue(Files.size(npy) > 6L * 12 * 512 * 512 * 4, "the array was written whole");
    }
}
