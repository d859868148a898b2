package io.headlight.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code bench --render}'s output: one line per view and length at the window's figure area; never timed here. */
class RenderBenchCommandTest {
    private static final Pattern LINE = Pattern.compile("\\{\"model\":\"all-MiniLM-L6-v2\",\"layers\":6,\"heads\":12,"
            + "\"T\":(\\d+),\"view\":\"(\\w+)\",\"area\":\"(\\d+)x(\\d+)\",\"frame_ms\":([0-9.]+),\"cpu_ms\":([0-9.]+)}");

    @Test
    void printsEveryViewAtTheWindowsFigureArea() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = RenderBenchCommand.run(new String[] {"--render", "--model", "all-MiniLM-L6-v2", "--lengths", "12",
            "--runs", "20"}, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);

        assertEquals(0, code);
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(3, lines.size(), String.join("\n", lines));
        String[] views = {"heatmap", "grid", "lines"};
        for (int i = 0; i < 3; i++) {
            Matcher m = LINE.matcher(lines.get(i));
            assertTrue(m.matches(), lines.get(i));
            assertEquals("12", m.group(1));
            assertEquals(views[i], m.group(2));
            assertEquals(RenderBenchCommand.AREA_WIDTH, Integer.parseInt(m.group(3)));
            assertEquals(i == 2 ? RenderBenchCommand.LINES_AREA_HEIGHT : RenderBenchCommand.AREA_HEIGHT,
                    Integer.parseInt(m.group(4)));
            assertTrue(Double.parseDouble(m.group(5)) > 0 && Double.parseDouble(m.group(6)) >= 0, lines.get(i));
        }
    }

    @Test
    void refusesTooFewRuns() {
        Options.UsageException e = org.junit.jupiter.api.Assertions.assertThrows(Options.UsageException.class,
                () -> RenderBenchCommand.run(new String[] {"--render", "--runs", "5"}, System.out, System.err));
        assertTrue(e.getMessage().contains("--runs"), e.getMessage());
    }
}
