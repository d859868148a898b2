package io.headlight.cli;

import io.headlight.model.ModelSource;
import io.headlight.model.TinyGraphs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bench's output format and its refusals; its figures are reported, never asserted. */
class BenchCommandTest {
    private static final Pattern LINE = Pattern.compile("\\{\"model\":\"([^\"]+)\",\"T\":(\\d+),"
            + "\"plain_ms\":([0-9.]+),\"headlight_ms\":([0-9.]+),\"ratio\":([0-9.]+)}");

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @ParameterizedTest(name = "owned result: {0}")
    @ValueSource(booleans = {false, true})
    void printsOneJsonLinePerLength(boolean owned, @TempDir Path dir) throws Exception {
        Path folder = TinyGraphs.folder(dir, TinyGraphs.attention(30522),
                ModelSource.resolve("all-MiniLM-L6-v2").tokenizerFile());
        String[] args = {"--model", folder.toString(), "--lengths", "8,24", "--runs", "20"};
        int code = run(owned ? append(args, "--owned") : args);
        assertEquals(0, code, text(err));
        List<String> lines = text(out).lines().toList();
        assertEquals(2, lines.size());
        for (int i = 0; i < 2; i++) {
            Matcher m = LINE.matcher(lines.get(i));
            assertTrue(m.matches(), lines.get(i));
            assertEquals(folder.getFileName().toString(), m.group(1));
            assertEquals(i == 0 ? "8" : "24", m.group(2));
            assertTrue(Double.parseDouble(m.group(3)) > 0, lines.get(i));
            assertTrue(Double.parseDouble(m.group(4)) > 0, lines.get(i));
            assertTrue(Double.parseDouble(m.group(5)) > 0, lines.get(i));
        }
    }

    @Test
    void theRatioIsTheMedianOfThePairsNotOfTheMediansApart() {
        // The second pair met a burst of other load that slowed both its runs tenfold (it cancels in the pair's
        // ratio); the third met one during Headlight's run alone. Medians taken apart would give 11 / 1.2.
        double[] plain = {1, 10, 1.2};
        double[] headlight = {1.1, 11, 30};
        assertEquals(1.1, BenchCommand.pairedRatio(plain, headlight), 1e-12);
        assertEquals(2.5, BenchCommand.pairedRatio(new double[] {1, 2}, new double[] {2, 6}), 1e-12);
    }

    @Test
    void refusesFewerThanTwentyRuns() {
        assertEquals(2, run("--model", "all-MiniLM-L6-v2", "--runs", "5"));
        assertTrue(text(err).startsWith("headlight: --runs must be at least 20"), text(err));
    }

    @Test
    void anUnknownModelIsAOneLineError(@TempDir Path dir) {
        assertEquals(1, run("--model", dir.resolve("nothing").toString()));
        assertTrue(text(err).startsWith("headlight: No model at"), text(err));
        assertEquals(1, text(err).lines().count());
    }

    private int run(String... args) {
        return Main.run(prepend("bench", args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    static String[] prepend(String command, String[] args) {
        String[] all = new String[args.length + 1];
        all[0] = command;
        System.arraycopy(args, 0, all, 1, args.length);
        return all;
    }

    private static String[] append(String[] args, String flag) {
        String[] all = Arrays.copyOf(args, args.length + 1);
        all[args.length] = flag;
        return all;
    }

    private static String text(ByteArrayOutputStream stream) {
        return stream.toString(StandardCharsets.UTF_8);
    }
}
