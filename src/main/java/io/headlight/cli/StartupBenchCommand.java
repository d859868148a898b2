package io.headlight.cli;

import io.headlight.model.HeadlightException;
import io.headlight.model.StartupTrace;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code bench --startup [--runs N]}: how long the window takes to appear, to have its model ready and to show
 * its first result, each the median of N launches of the app in fresh JVMs (with the JVM options this command
 * was started with), once with Headlight's cache of optimized graphs cleared before every launch ("cold") and
 * once with it filled ("warm"). The operating system's file cache is left as it is.
 *
 * <p>It opens real windows, so it needs a display (under a server: {@code xvfb-run -a}). Each launch gets
 * settings of its own, so it opens the default model, and reports its milestones through {@link StartupTrace}.
 */
final class StartupBenchCommand {
    private static final int DEFAULT_RUNS = 5;
    private static final int MIN_RUNS = 3;
    private static final long LAUNCH_TIMEOUT_SECONDS = 180;
    private static final String WINDOW = "window shown";
    private static final String MODEL = "model ready";
    private static final String RESULT = "first result drawn";

    private StartupBenchCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) throws Options.UsageException, HeadlightException {
        Options options = Options.parse(args, Set.of("runs"), Set.of("startup"));
        int runs = options.intValue("runs", DEFAULT_RUNS);
        if (runs < MIN_RUNS) {
            throw new Options.UsageException("--runs must be at least " + MIN_RUNS + " for a median");
        }
        String display = System.getenv("DISPLAY");
        if (display == null || display.isBlank()) {
            throw new HeadlightException("bench --startup opens the window and needs a display; on a server run it"
                    + " under a virtual one: xvfb-run -a java -jar headlight.jar bench --startup");
        }
        Path scratch;
        try {
            scratch = Files.createTempDirectory("headlight-startup-bench");
        } catch (IOException e) {
            throw new HeadlightException("Cannot make a folder for the bench's settings and cache: " + e.getMessage(), e);
        }
        try {
            for (boolean cold : new boolean[] {true, false}) {
                List<Map<String, Double>> launches = new ArrayList<>();
                for (int i = 0; i < runs; i++) {
                    if (cold) {
                        delete(scratch.resolve("cache"));
                    }
                    launches.add(launch(scratch));
                }
                out.println(line(cold ? "cold" : "warm", runs, launches));
                out.flush();
            }
        } finally {
            delete(scratch);
        }
        return 0;
    }

    /** One launch of the window; returns when its first result has been drawn, with the milestones' times. */
    private static Map<String, Double> launch(Path scratch) throws HeadlightException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                "-D" + StartupTrace.PROPERTY + "=true",
                "-Dheadlight.cache.dir=" + scratch.resolve("cache"),
                "-Djava.util.prefs.userRoot=" + scratch.resolve("settings")));
        command.add("-D" + StartupTrace.T0_PROPERTY + "=" + System.nanoTime());
        command.add("io.headlight.Launcher");
        Process app = null;
        try {
            app = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            // A launch that never draws would keep its stderr open and the read below waiting for good.
            CompletableFuture.delayedExecutor(LAUNCH_TIMEOUT_SECONDS, TimeUnit.SECONDS).execute(app::destroyForcibly);
            Map<String, Double> seen = new HashMap<>();
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(app.getErrorStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                // The milestone is checked before reading on: the app prints nothing after its first result.
                while (!seen.containsKey(RESULT) && (line = lines.readLine()) != null) {
                    if (line.startsWith(StartupTrace.PREFIX)) {
                        String[] parts = line.substring(StartupTrace.PREFIX.length()).split(" ", 2);
                        seen.putIfAbsent(parts[1], Double.parseDouble(parts[0]));
                    }
                }
            }
            if (!seen.containsKey(RESULT)) {
                throw new HeadlightException("The window exited, or showed no result within " + LAUNCH_TIMEOUT_SECONDS
                        + " s (seen: " + seen.keySet() + ")");
            }
            return seen;
        } catch (IOException e) {
            throw new HeadlightException("Cannot launch the app for the bench: " + e.getMessage(), e);
        } finally {
            if (app != null) {
                app.destroy();
                try {
                    if (!app.waitFor(LAUNCH_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                        app.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    app.destroyForcibly();
                }
            }
        }
    }

    private static String line(String start, int runs, List<Map<String, Double>> launches) {
        return String.format(Locale.ROOT, "{\"start\":\"%s\",\"runs\":%d,\"window_ms\":%.0f,\"model_ready_ms\":%.0f,"
                + "\"first_result_ms\":%.0f}", start, runs, median(launches, WINDOW), median(launches, MODEL),
                median(launches, RESULT));
    }

    private static double median(List<Map<String, Double>> launches, String milestone) {
        double[] values = launches.stream().mapToDouble(m -> m.getOrDefault(milestone, Double.NaN)).sorted()
                .toArray();
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }

    private static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // a leftover in the temporary folder is harmless
        }
    }
}
