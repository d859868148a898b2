package io.headlight.cli;

import io.headlight.analysis.NormAttention;
import io.headlight.model.AttentionModel;
import io.headlight.model.AttentionResult;
import io.headlight.model.BundledModels;
import io.headlight.model.Encoding;
import io.headlight.model.HeadlightException;
import io.headlight.model.ModelSource;
import io.headlight.model.Norms;
import io.headlight.model.TextEncoder;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code bench --model <id|folder> --lengths 16,128,512 [--runs N] [--owned]}: what exposing attention costs.
 *
 * <p>For each length T it times, in one process on one input of exactly T tokens, a plain ONNX Runtime run
 * of the unmodified model and Headlight's full extraction (running the edited graph, the result ready to read)
 * and prints one JSON line with both medians and their ratio. Both sides tokenize the text first, as any
 * application must. The two are interleaved in pairs, alternating which goes first, and the ratio is the median
 * of the pairs' ratios: a pair shares the moment's load, so a burst of other work on a busy machine moves both
 * of its runs, which a ratio of the two medians, taken apart, would not cancel.
 *
 * <p>The extraction is {@link AttentionModel#explainInPlace}, as {@code export} makes it; with {@code --owned}
 * it is {@link AttentionModel#explain}, which also copies the attention into a result the window can keep.
 *
 * <p>With {@code --norms} each line also has, from one kept result, the median time of every head's norm-based
 * attention ({@link NormAttention#headMatrices}, L x H matrices of T x T, a scaling of α) as {@code norms_ms},
 * and of every layer's heads-mixed norms ({@link NormAttention#layerMatrices}, T² H² per layer) as
 * {@code layer_norms_ms}; {@code norms_cpu_ms} and {@code layer_norms_cpu_ms} are the medians of the process's
 * CPU time over the same runs, which a shared machine's other load does not inflate as it does wall time.
 */
public final class BenchCommand {
    /** Fewer runs make the median too noisy to compare two numbers a few percent apart. */
    static final int MIN_RUNS = 20;
    private static final int WARMUP_RUNS = 3;
    /** Words that most tokenizers keep as one token each, so n of them make n + 2 tokens with [CLS]/[SEP]. */
    private static final List<String> FILLERS = List.of("the", "a", "的", "x", "hello");

    private BenchCommand() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err)
            throws Options.UsageException, HeadlightException {
        Options options = Options.parse(args, Set.of("model", "lengths", "runs"), Set.of("owned", "norms"));
        String model = options.get("model", BundledModels.DEFAULT_ID);
        int[] lengths = lengths(options.get("lengths", "16,128,512"));
        int runs = options.intValue("runs", MIN_RUNS);
        if (runs < MIN_RUNS) {
            throw new Options.UsageException("--runs must be at least " + MIN_RUNS + " for a stable median");
        }
        ModelSource source = ModelSource.resolve(model);
        try (AttentionModel headlight = AttentionModel.open(source);
             PlainSession plain = new PlainSession(source.onnxFile());
             TextEncoder encoder = TextEncoder.open(source.tokenizerFile(), headlight.info().maxPositions())) {
            for (int t : lengths) {
                if (t < 3 || t > headlight.info().maxPositions()) {
                    throw new Options.UsageException("length " + t + " is outside 3.."
                            + headlight.info().maxPositions() + " for " + source.id());
                }
                String line = measure(source.id(), t, runs, headlight, options.has("owned"), plain, encoder);
                if (options.has("norms")) {
                    line = line.substring(0, line.length() - 1) + normsFields(headlight, t, runs, encoder) + "}";
                }
                out.println(line);
                out.flush();
            }
        }
        return 0;
    }

    private static String measure(String id, int t, int runs, AttentionModel headlight, boolean owned,
                                  PlainSession plain, TextEncoder encoder) throws HeadlightException {
        String text = textOf(t, encoder);
        Encoding encoding = encoder.encode(text, null);
        for (int i = 0; i < WARMUP_RUNS; i++) {
            plain.run(encoding);
            timeHeadlight(headlight, owned, text, t);
        }
        double[] plainMs = new double[runs];
        double[] headlightMs = new double[runs];
        for (int i = 0; i < runs; i++) {
            if (i % 2 == 0) {
                plainMs[i] = timePlain(plain, encoder, text);
                headlightMs[i] = timeHeadlight(headlight, owned, text, t);
            } else {
                headlightMs[i] = timeHeadlight(headlight, owned, text, t);
                plainMs[i] = timePlain(plain, encoder, text);
            }
        }
        return String.format(Locale.ROOT, "{\"model\":\"%s\",\"T\":%d,\"plain_ms\":%.3f,\"headlight_ms\":%.3f,"
                + "\"ratio\":%.3f}", escape(id), t, median(plainMs), median(headlightMs),
                pairedRatio(plainMs, headlightMs));
    }

    private static String normsFields(AttentionModel model, int t, int runs, TextEncoder encoder)
            throws HeadlightException {
        if (model.whyNoNorms().isPresent()) {
            throw new HeadlightException("--norms: " + model.whyNoNorms().get());
        }
        AttentionResult result = model.explain(textOf(t, encoder), null, Norms.COMPUTE);
        double[][] heads = timed(runs, () -> NormAttention.headMatrices(result)[0][0]);
        double[][] layers = timed(runs, () -> NormAttention.layerMatrices(result)[0][0]);
        return String.format(Locale.ROOT, ",\"norms_ms\":%.3f,\"layer_norms_ms\":%.3f,\"norms_cpu_ms\":%.3f,"
                + "\"layer_norms_cpu_ms\":%.3f", median(heads[0]), median(layers[0]), median(heads[1]),
                median(layers[1]));
    }

    /**
     * Wall and process CPU milliseconds of {@code runs} calls after a warm-up; the returned value is summed so
     * the JIT cannot drop the work.
     */
    private static double[][] timed(int runs, java.util.function.DoubleSupplier work) {
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        double[] wall = new double[runs];
        double[] cpu = new double[runs];
        double sink = 0;
        for (int i = -WARMUP_RUNS; i < runs; i++) {
            long cpuStart = os.getProcessCpuTime();
            long start = System.nanoTime();
            sink += work.getAsDouble();
            if (i >= 0) {
                wall[i] = (System.nanoTime() - start) / 1e6;
                cpu[i] = (os.getProcessCpuTime() - cpuStart) / 1e6;
            }
        }
        if (sink == Double.MIN_VALUE) {
            System.err.print("");
        }
        return new double[][] {wall, cpu};
    }

    private static double timePlain(PlainSession plain, TextEncoder encoder, String text) throws HeadlightException {
        long start = System.nanoTime();
        plain.run(encoder.encode(text, null));
        return (System.nanoTime() - start) / 1e6;
    }

    private static double timeHeadlight(AttentionModel model, boolean owned, String text, int t)
            throws HeadlightException {
        long start = System.nanoTime();
        int length = owned ? model.explain(text, null).length()
                : model.explainInPlace(text, null, AttentionResult::length);
        double ms = (System.nanoTime() - start) / 1e6;
        if (length != t) {
            throw new IllegalStateException("bench input became " + length + " tokens instead of " + t);
        }
        return ms;
    }

    /** A text the model's tokenizer turns into exactly {@code t} tokens. */
    static String textOf(int t, TextEncoder encoder) throws HeadlightException {
        for (String word : FILLERS) {
            String text = String.join(" ", Collections.nCopies(t - 2, word));
            if (encoder.encode(text, null).length() == t) {
                return text;
            }
        }
        throw new HeadlightException("Cannot build an input of exactly " + t + " tokens for this tokenizer");
    }

    static int[] lengths(String list) throws Options.UsageException {
        List<Integer> values = new ArrayList<>();
        for (String part : list.split(",")) {
            try {
                values.add(Integer.parseInt(part.trim()));
            } catch (NumberFormatException e) {
                throw new Options.UsageException("--lengths takes whole numbers like 16,128,512, not '" + list + "'");
            }
        }
        return values.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The median of {@code headlight[i] / plain[i]}: each pair was timed back to back. */
    static double pairedRatio(double[] plain, double[] headlight) {
        double[] ratios = new double[plain.length];
        for (int i = 0; i < ratios.length; i++) {
            ratios[i] = headlight[i] / plain[i];
        }
        return median(ratios);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
