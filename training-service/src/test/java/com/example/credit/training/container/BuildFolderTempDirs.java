package com.example.credit.training.container;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AnnotatedElementContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDirFactory;

/**
 * Temporary folders under {@code target/container-it/} instead of the system's: the engine mounts them into
 * containers, and engines in a VM (Docker Desktop, podman machine) share the project folder, not {@code /tmp}.
 */
final class BuildFolderTempDirs implements TempDirFactory {

    @Override
    public Path createTempDirectory(AnnotatedElementContext elementContext, ExtensionContext extensionContext)
            throws IOException {
        Path parent = Files.createDirectories(Path.of("target", "container-it").toAbsolutePath());
        String prefix = extensionContext.getTestMethod().map(Method::getName).orElse("run") + "-";
        return Files.createTempDirectory(parent, prefix);
    }
}
