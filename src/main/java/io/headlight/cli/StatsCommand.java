package io.headlight.cli;

import io.headlight.analysis.CorpusStatistics;
import io.headlight.analysis.HeadStat;
import io.headlight.analysis.HeadStatistics;
import io.headlight.analysis.HeadStats;
import io.headlight.model.AttentionModel;
import io.headlight.model.BundledModels;
import io.headlight.model.HeadlightException;
import io.headlight.model.ModelInfo;
import io.headlight.model.ModelSource;
import io.headlight.model.Norms;
import io.headlight.render.ProgressMeter;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code stats --model <id|folder> --input corpus.txt --csv out.csv [--force]}: the head statistics of
 * Clark et al. averaged over a corpus, one text per line (blank lines skipped), each text weighing the same.
 *
 * <p>One {@link AttentionModel} is shared by a pool of one thread per core. The model serialises its own
 * runs (ONNX Runtime already spreads one run over every core), so the pool's gain is that a text's
 * statistics are computed while the next text runs through the model.
 */
public final class StatsCommand {
    private StatsCommand() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err)
            throws Options.UsageException, HeadlightException {
        Options options = Options.parse(args, Set.of("model", "input", "csv"), Set.of("force"));
        String model = options.get("model", BundledModels.DEFAULT_ID);
        Path input = Path.of(options.require("input"));
        Path csv = Path.of(options.require("csv"));
        if (Files.exists(csv) && !options.has("force")) {
            throw new HeadlightException(csv + " already exists; choose another --csv or add --force");
        }
        Path folder = csv.toAbsolutePath().getParent();
        if (folder == null || !Files.isDirectory(folder) || !Files.isWritable(folder)) {
            // Checked before the run so that a long corpus is not computed for nothing.
            throw new HeadlightException("Cannot write " + csv + ": its folder does not exist or is not"
                    + " writable; choose a --csv path in a writable folder");
        }
        List<String> texts = readTexts(input);
        HeadStats stats;
        ModelInfo info;
        try (AttentionModel attention = AttentionModel.open(ModelSource.resolve(model))) {
            info = attention.info();
            stats = corpusMean(attention, texts, err);
        }
        write(csv, stats);
        out.println("stats: " + texts.size() + " texts, " + info.layers() + " x " + info.heads()
                + " heads -> " + csv);
        return 0;
    }

    private static List<String> readTexts(Path input) throws HeadlightException {
        List<String> lines;
        try {
            lines = Files.readAllLines(input, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new HeadlightException("Cannot read " + input + " (" + e.getClass().getSimpleName()
                    + "); give a UTF-8 text file with one text per line", e);
        }
        List<String> texts = new ArrayList<>();
        for (String line : lines) {
            if (!line.isBlank()) {
                texts.add(line);
            }
        }
        if (texts.isEmpty()) {
            throw new HeadlightException(input + " holds no text; put one text per line");
        }
        return texts;
    }

    private static HeadStats corpusMean(AttentionModel model, List<String> texts, PrintStream err)
            throws HeadlightException {
        ModelInfo info = model.info();
        CorpusStatistics corpus = new CorpusStatistics(info.layers(), info.heads());
        AtomicInteger done = new AtomicInteger();
        ProgressMeter meter = ProgressMeter.everyTwoSeconds("stats", "texts", texts.size());
        // On a terminal one line that updates in place; in a log or pipe, plain lines.
        boolean terminal = err == System.err && System.console() != null;
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "headlight-stats");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (String text : texts) {
                futures.add(pool.submit(() -> {
                    corpus.add(HeadStatistics.of(model.explain(text, null, Norms.COMPUTE)));
                    int n = done.incrementAndGet();
                    String line = meter.update(n);
                    if (line != null) {
                        synchronized (err) {
                            if (terminal) {
                                err.print("\r" + line + "\u001b[K" + (n == texts.size() ? "\n" : ""));
                                err.flush();
                            } else {
                                err.println(line);
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof HeadlightException he) {
                throw he;
            }
            throw new HeadlightException("Computing statistics failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HeadlightException("Interrupted before the statistics were complete", e);
        } finally {
            pool.shutdownNow();
        }
        return corpus.mean();
    }

    private static void write(Path csv, HeadStats stats) throws HeadlightException {
        SafeOutput.write(csv.toAbsolutePath(), temp -> writeCsv(temp, stats));
    }

    private static void writeCsv(Path csv, HeadStats stats) throws IOException {
        try (BufferedWriter writer = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            StringBuilder header = new StringBuilder("layer,head");
            for (HeadStat stat : HeadStat.values()) {
                header.append(',').append(stat.column());
            }
            writer.write(header.append(",labels\n").toString());
            for (int l = 0; l < stats.layers(); l++) {
                for (int h = 0; h < stats.heads(); h++) {
                    StringBuilder row = new StringBuilder().append(l).append(',').append(h);
                    for (HeadStat stat : HeadStat.values()) {
                        row.append(',').append(String.format(Locale.ROOT, "%.6f", stats.value(stat, l, h)));
                    }
                    // Labels may hold spaces and brackets but never commas or quotes; ';' separates them.
                    row.append(',').append(String.join(";", stats.labels(l, h))).append('\n');
                    writer.write(row.toString());
                }
            }
        }
    }
}
