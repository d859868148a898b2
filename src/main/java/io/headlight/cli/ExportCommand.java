package io.headlight.cli;

import io.headlight.analysis.Rollout;
import io.headlight.cli.Options.UsageException;
import io.headlight.model.AttentionModel;
import io.headlight.model.BundledModels;
import io.headlight.model.HeadlightException;
import io.headlight.model.ModelSource;
import io.headlight.model.Norms;
import io.headlight.render.AllHeadsExport;
import io.headlight.render.AttentionNpy;
import io.headlight.render.AttentionNpz;
import io.headlight.render.ColorMap;
import io.headlight.render.FigureKind;
import io.headlight.render.FigureOptions;
import io.headlight.render.PairFilter;
import io.headlight.render.PngSurface;
import io.headlight.render.SurfaceFigure;
import io.headlight.render.SvgFigureSurface;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code export}: runs the model once on the text and writes what was asked — the raw numbers as JSON or
 * {@code .npy}, a view as PNG or SVG — each through {@link SafeOutput}, so nothing is overwritten unasked.
 */
public final class ExportCommand {
    static final String USAGE = "export --model <id|folder|file.onnx> --text \"...\" [--text-b \"...\"]"
            + " [--json out.json] [--npy out.npy] [--npz out.npz] [--png out.png|--svg out.svg]"
            + " [--all-heads-dir DIR [--format png|svg]] [--view heatmap|grid|lines|neuron]"
            + " [--layer N] [--head N] [--query N] [--scale 1|2|4] [--colormap ylgnbu|viridis|magma|greys]"
            + " [--measure weights|norms] [--all-heads] [--words] [--hide-special] [--pairs all|a-a|b-b|a-b|b-a]"
            + " [--rollout] [--qk] [--norms] [--force]";

    private static final Set<String> VALUES = Set.of("model", "text", "text-b", "json", "npy", "npz", "png", "svg",
            "all-heads-dir", "format", "view",
            "layer", "head", "query", "scale", "colormap", "pairs", "measure");
    private static final Set<String> FLAGS = Set.of("rollout", "qk", "norms", "force", "all-heads", "words",
            "hide-special");

    private ExportCommand() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) throws UsageException, HeadlightException {
        Options o = Options.parse(args, VALUES, FLAGS);
        String text = o.require("text");
        String textB = o.get("text-b");
        if (!o.has("json") && !o.has("npy") && !o.has("npz") && !o.has("png") && !o.has("svg")
                && !o.has("all-heads-dir")) {
            throw new UsageException("nothing to write: give --json, --npy, --npz, --png, --svg or --all-heads-dir");
        }
        if (o.has("format") && !o.has("all-heads-dir")) {
            throw new UsageException("--format applies to --all-heads-dir; give --png or --svg for one figure");
        }
        String format = o.get("format", "png");
        if (!format.equals("png") && !format.equals("svg")) {
            throw new UsageException("--format takes png or svg, not '" + format + "'");
        }
        if (o.has("png") && o.has("svg")) {
            throw new UsageException("give --png or --svg, not both");
        }
        int scale = o.intValue("scale", 1);
        if (scale != 1 && scale != 2 && scale != 4) {
            throw new UsageException("--scale takes 1, 2 or 4");
        }
        FigureKind view;
        ColorMap map;
        FigureOptions shown;
        try {
            view = FigureKind.byName(o.get("view", "heatmap"));
            map = ColorMap.byName(o.get("colormap", "ylgnbu"));
            shown = new FigureOptions(o.has("all-heads"), o.has("hide-special"), o.has("words"),
                    PairFilter.byFlag(o.get("pairs", "all")), normsMeasured(o.get("measure", "weights")));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        if (shown.norms() && view == FigureKind.NEURON) {
            throw new UsageException("--measure norms draws the heatmap, the grid or the head view (lines), not"
                    + " --view neuron, which prints each key's ‖f(x)‖ beside α with either measure");
        }
        boolean force = o.has("force");
        // Every target is checked before the model runs: a bad path should not cost a 600 MB inference.
        List<Path> targets = new ArrayList<>();
        Path json = o.has("json") ? add(targets, SafeOutput.check(o.get("json"), force)) : null;
        Path npy = o.has("npy") ? add(targets, SafeOutput.check(o.get("npy"), force)) : null;
        Path npz = o.has("npz") ? add(targets, SafeOutput.check(o.get("npz"), force)) : null;
        Path png = o.has("png") ? add(targets, SafeOutput.check(o.get("png"), force)) : null;
        Path svg = o.has("svg") ? add(targets, SafeOutput.check(o.get("svg"), force)) : null;
        if (targets.stream().distinct().count() != targets.size()) {
            throw new UsageException("two outputs name the same file");
        }
        Path allHeadsDir = o.has("all-heads-dir") ? SafeOutput.checkFolder(o.get("all-heads-dir")) : null;
        if (allHeadsDir != null && view == FigureKind.GRID) {
            throw new UsageException("--all-heads-dir draws one figure per head: give --view heatmap, lines or neuron");
        }

        ModelSource source = ModelSource.resolve(o.get("model", BundledModels.DEFAULT_ID));
        try (AttentionModel model = AttentionModel.open(source)) {
            if (allHeadsDir != null) {
                SafeOutput.checkAbsent(AllHeadsExport.files(allHeadsDir, model.info().layers(), model.info().heads(),
                        view, format.equals("svg")), force);
            }
            // Everything is written while the result is lent: export reads it once, so it need not be copied.
            Norms norms = o.has("norms") || shown.norms() ? Norms.COMPUTE : Norms.SKIP;
            model.explainInPlace(text, textB, norms, r -> {
                if (r.truncated()) {
                    err.println("headlight: the input was cut to " + r.length() + " tokens, the model's limit");
                }
                int layer = index(o, "layer", 0, r.layers(), "layers");
                int head = index(o, "head", 0, r.heads(), "heads");
                int query = index(o, "query", 0, r.length(), "tokens");
                if (o.has("qk") && !r.hasQueryKey()) {
                    throw new HeadlightException("this model's query and key tensors could not be exposed; drop --qk");
                }
                if ((o.has("norms") || shown.norms()) && model.whyNoNorms().isPresent()) {
                    throw new HeadlightException("this model's norms ‖α f(x)‖ cannot be computed: "
                            + model.whyNoNorms().get() + "; drop --norms and --measure norms");
                }
                if (view == FigureKind.NEURON && (png != null || svg != null) && !r.hasQueryKey()) {
                    throw new HeadlightException("the neuron view needs query and key tensors, which this model lacks");
                }
                if (json != null) {
                    JsonAttentionWriter writer = new JsonAttentionWriter(r, model.info().inputs())
                            .withQueryKey(o.has("qk")).withNorms(o.has("norms"));
                    if (o.has("rollout")) {
                        writer.withRollout(Rollout.upTo(r, r.layers() - 1));
                    }
                    SafeOutput.write(json, writer::write);
                    out.println("wrote " + json);
                }
                if (npy != null) {
                    SafeOutput.write(npy, file -> AttentionNpy.write(r, file));
                    out.println("wrote " + npy);
                }
                if (npz != null) {
                    AttentionNpz labelled = new AttentionNpz(r, model.inputNames(), text, textB, layer, head,
                            o.has("norms"));
                    SafeOutput.write(npz, labelled::write);
                    out.println("wrote " + npz);
                }
                if (allHeadsDir != null) {
                    writeAllHeads(new AllHeadsExport(r, view, query, map, text, textB, shown, format.equals("svg"),
                            scale), allHeadsDir, out, err);
                }
                if (png != null || svg != null) {
                    SurfaceFigure figure = view.figure(r, layer, head, query, map, text, textB, shown);
                    int w = (int) Math.ceil(figure.width());
                    int h = (int) Math.ceil(figure.height());
                    if (png != null) {
                        SafeOutput.write(png, file -> {
                            PngSurface surface = new PngSurface(w, h, scale, FigureKind.BACKGROUND);
                            figure.draw(surface);
                            surface.write(file);
                        });
                        out.println("wrote " + png);
                    } else {
                        SafeOutput.write(svg, file -> {
                            SvgFigureSurface surface = new SvgFigureSurface(w, h, FigureKind.BACKGROUND);
                            figure.draw(surface);
                            surface.write(file);
                        });
                        out.println("wrote " + svg);
                    }
                }
                return null;
            });
        }
        return 0;
    }

    private static void writeAllHeads(AllHeadsExport export, Path folder, PrintStream out, PrintStream err)
            throws HeadlightException {
        try {
            Files.createDirectories(folder);
            export.write(folder, () -> false, (done, total) -> {
                if (done % export.result().heads() == 0) {
                    err.println("export: " + done + "/" + total + " heads");
                }
            });
        } catch (IOException e) {
            throw new HeadlightException("cannot write into " + folder + ": " + e.getMessage(), e);
        }
        out.println("wrote " + export.count() + " files into " + folder);
    }

    private static boolean normsMeasured(String measure) {
        return switch (measure) {
            case "weights" -> false;
            case "norms" -> true;
            default -> throw new IllegalArgumentException("--measure takes weights or norms, not '" + measure + "'");
        };
    }

    private static Path add(List<Path> targets, Path p) {
        targets.add(p);
        return p;
    }

    private static int index(Options o, String name, int fallback, int size, String what)
            throws UsageException {
        int value = o.intValue(name, fallback);
        if (value < 0 || value >= size) {
            throw new UsageException("--" + name + " " + value + " is out of range: this input has " + size + " "
                    + what + " (0 to " + (size - 1) + ")");
        }
        return value;
    }
}
