package io.headlight.model;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;

/**
 * The folder Headlight runs from, where the build and the installer put what the code needs on disk (the
 * models, ONNX Runtime's libraries): the jar's folder ({@code lib/app/} when installed), or {@code target/}
 * when running from {@code target/classes}.
 */
final class CodeLocation {
    private CodeLocation() {
    }

    /** That folder; the working directory when the code's location cannot be told. */
    static Path folder() {
        CodeSource code = CodeLocation.class.getProtectionDomain().getCodeSource();
        if (code == null || code.getLocation() == null) {
            return Path.of("").toAbsolutePath();
        }
        try {
            Path location = Path.of(code.getLocation().toURI()).toAbsolutePath();
            Path parent = location.getParent();
            return parent != null && (Files.isRegularFile(location) || Files.isDirectory(location))
                    ? parent : Path.of("").toAbsolutePath();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Path.of("").toAbsolutePath();
        }
    }
}
