package io.headlight.cli;

import io.headlight.cli.Options.UsageException;
import io.headlight.model.HeadlightException;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Set;

/**
 * The headless commands. A user sees one line per problem and a non-zero exit code; the stack trace only
 * with {@code --debug}.
 */
public final class Main {
    static final String USAGE = String.join(System.lineSeparator(),
            "usage: headlight [MODEL-FOLDER-OR-.onnx] [--model <id|folder|file.onnx>] [--text \"...\"]"
                    + " [--text-b \"...\"] [--layer N] [--head N] [--view heatmap|grid|lines|neuron|stats|compare]",
            "                                      open the explorer window on them",
            "       headlight " + ExportCommand.USAGE,
            "       headlight models",
            "       headlight " + InspectCommand.USAGE,
            "       headlight bench --model <id|folder> [--lengths 16,128,512] [--runs N] [--owned] [--norms]",
            "       headlight bench --render [--lengths 128,512]",
            "       headlight bench --startup [--runs N]      (opens windows: needs a display, e.g. xvfb-run -a)",
            "       headlight stats --model <id|folder> --input corpus.txt --csv out.csv [--force]");

    /** What goes to the command line rather than the window: every subcommand the usage names, help, version. */
    private static final Set<String> COMMANDS = commands();

    private Main() {
    }

    /** Whether {@code args} name a subcommand (or ask for help or the version) rather than what the window opens. */
    // Read off the usage text, so that a new subcommand cannot be left out and open the window instead.
    private static Set<String> commands() {
        Set<String> commands = new java.util.HashSet<>(Set.of("help", "--help", "-h", "version", "--version"));
        USAGE.lines().map(String::strip).filter(l -> l.startsWith("headlight "))
                .map(l -> l.substring("headlight ".length()).split(" ")[0]).forEach(commands::add);
        return Set.copyOf(commands);
    }

    public static boolean isCommand(String[] args) {
        return Arrays.stream(args).filter(a -> !a.equals("--debug")).findFirst().map(COMMANDS::contains)
                .orElse(false);
    }

    public static int run(String[] args) {
        return run(args, System.out, System.err);
    }

    public static int run(String[] rawArgs, PrintStream out, PrintStream err) {
        boolean debug = Arrays.asList(rawArgs).contains("--debug");
        String[] args = Arrays.stream(rawArgs).filter(a -> !a.equals("--debug")).toArray(String[]::new);
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help") || args[0].equals("-h")) {
            out.println(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        try {
            return switch (args[0]) {
                case "export" -> ExportCommand.run(rest, out, err);
                case "models" -> ModelsCommand.run(rest, out, err);
                case "inspect" -> InspectCommand.run(rest, out, err);
                case "bench" -> Arrays.asList(rest).contains("--render") ? RenderBenchCommand.run(rest, out, err)
                        : Arrays.asList(rest).contains("--startup") ? StartupBenchCommand.run(rest, out, err)
                        : BenchCommand.run(rest, out, err);
                case "stats" -> StatsCommand.run(rest, out, err);
                case "--version", "version" -> {
                    out.println("headlight " + version());
                    yield 0;
                }
                default -> throw new UsageException("unknown command '" + args[0] + "'");
            };
        } catch (UsageException e) {
            err.println("headlight: " + e.getMessage() + " (run 'headlight --help' for usage)");
            return 2;
        } catch (HeadlightException e) {
            err.println("headlight: " + e.getMessage());
            if (debug) {
                e.printStackTrace(err);
            }
            return 1;
        } catch (OutOfMemoryError e) {
            err.println("headlight: out of memory; try a shorter text or a larger -Xmx");
            return 1;
        } catch (RuntimeException e) {
            err.println("headlight: unexpected failure: " + e + (debug ? "" : " (add --debug for details)"));
            if (debug) {
                e.printStackTrace(err);
            }
            return 1;
        }
    }

    private static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null ? "development build" : v;
    }
}
