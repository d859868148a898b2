package io.headlight.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.stream.Stream;

/**
 * The folder Headlight runs from, where the build and the installer put what the code needs on disk (the
 * models, ONNX Runtime's libraries): the jar's folder ({@code lib/app/} when installed), or {@code target/}
 * when running from {@code target/classes}.
 */
final class CodeLocation {
    private static String fingerprint;

    private CodeLocation() {
    }

    /**
     * Tells one build of this package's code from another without reading it: the jar's name, size and
     * modification time, or, running from {@code target/classes}, those of every class file in this package.
     * What {@link GraphSurgeon} makes of a model depends on this code, so plans saved by another build are not
     * read ({@link OptimizedGraphCache}). Empty when the code's location cannot be told.
     */
    static synchronized String fingerprint() {
        if (fingerprint == null) {
            fingerprint = describe(location());
        }
        return fingerprint;
    }

    private static String describe(Path location) {
        if (location == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        try {
            if (Files.isRegularFile(location)) {
                append(out, location);
            } else {
                Path classes = location.resolve(CodeLocation.class.getPackageName().replace('.', '/'));
                try (Stream<Path> files = Files.walk(classes)) {
                    for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                        append(out, file);
                    }
                }
            }
        } catch (IOException | UncheckedIOException | SecurityException e) {
            return "";
        }
        return out.toString();
    }

    private static void append(StringBuilder out, Path file) throws IOException {
        out.append(file).append('\0').append(Files.size(file)).append('\0')
                .append(Files.getLastModifiedTime(file).toMillis()).append('\n');
    }

    private static Path location() {
        CodeSource code = CodeLocation.class.getProtectionDomain().getCodeSource();
        if (code == null || code.getLocation() == null) {
            return null;
        }
        try {
            Path location = Path.of(code.getLocation().toURI()).toAbsolutePath();
            return Files.isRegularFile(location) || Files.isDirectory(location) ? location : null;
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }

    /** That folder; the working directory when the code's location cannot be told. */
    static Path folder() {
        Path location = location();
        Path parent = location == null ? null : location.getParent();
        return parent != null ? parent : Path.of("").toAbsolutePath();
    }
}
