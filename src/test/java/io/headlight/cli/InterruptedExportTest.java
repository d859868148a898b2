package io.headlight.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An export stopped half-way leaves nothing behind: the CLI runs as a child process writing the ~600 MB JSON of
 * a 512-token input on a 12-layer model, and is stopped while its part file grows.
 */
class InterruptedExportTest {
    private static final long UNDER_WAY = 8L << 20;

    @TempDir
    Path dir;
    private Path log;

    @Test
    void sigtermDuringALargeJsonExportLeavesNothingInTheFolder() throws Exception {
        Process export = startLargeExport();
        Path part = awaitGrowingPartFile(export);

        export.destroy(); // SIGTERM
        assertTrue(export.waitFor(120, TimeUnit.SECONDS), "the export stops on SIGTERM");

        assertNotEquals(0, export.exitValue());
        assertTrue(Files.notExists(part), part + " removed at exit");
        assertEquals(List.of(), files(), "neither the JSON nor its part file is left");
    }

    @Test
    void thePartFileAHardKillLeavesIsRemovedByTheNextExportIntoTheFolder() throws Exception {
        Process export = startLargeExport();
        Path part = awaitGrowingPartFile(export);

        export.destroyForcibly(); // SIGKILL: no shutdown hook runs
        assertTrue(export.waitFor(120, TimeUnit.SECONDS));
        assertEquals(List.of(part), files(), "a hard kill leaves the part file");

        Path small = dir.resolve("small.json");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"export", "--text", "A short one.", "--json", small.toString()},
                System.out, new PrintStream(err, true, StandardCharsets.UTF_8));

        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        assertEquals(List.of(small), files(), "the dead export's part file is gone, the new file is there");
    }

    private Process startLargeExport() throws IOException {
        StringBuilder text = new StringBuilder();
        String[] words = "the keeper watched ships pass the rocks at night while storms rolled in".split(" ");
        for (int i = 0; i < 600; i++) {
            text.append(words[i % words.length]).append(i % 13 == 12 ? ". " : " ");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                        .toString(), "-Xmx1g", "-Dai.djl.offline=true",
                "-Dheadlight.models.dir=" + System.getProperty("headlight.models.dir"),
                "-cp", System.getProperty("java.class.path"), "io.headlight.Launcher",
                "export", "--model", "bge-small-en-v1.5", "--text", text.toString(),
                "--json", dir.resolve("big.json").toString()));
        log = Files.createTempFile("headlight-interrupted-export-", ".log");
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    @AfterEach
    void removeLog() throws IOException {
        if (log != null) {
            Files.deleteIfExists(log);
        }
    }

    /** The export's part file once it holds a few MB: the JSON is being written. */
    private Path awaitGrowingPartFile(Process export) throws Exception {
        String prefix = ".headlight-" + export.pid() + "-";
        for (int i = 0; i < 1200 && export.isAlive(); i++) {
            for (Path f : files()) {
                if (f.getFileName().toString().startsWith(prefix) && Files.size(f) > UNDER_WAY) {
                    return f;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no part file grew past " + (UNDER_WAY >> 20) + " MB; files: " + files()
                + (export.isAlive() ? "" : ", export exited with " + export.exitValue() + ": "
                + Files.readString(log).strip()));
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> all = Files.list(dir)) {
            return all.sorted().toList();
        }
    }
}
