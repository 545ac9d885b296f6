package com.example.credit.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The work folder's stage outputs: each run replaces them, so that every run starts from the same empty folders. */
public final class LocalFolders {

    private LocalFolders() {}

    /** Deletes the folder if it exists and creates it empty. */
    public static void replace(Path folder) {
        if (Files.exists(folder)) {
            deleteTree(folder);
        }
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new PipelineException("cannot create " + folder + ": " + e.getMessage(), e);
        }
    }

    /** Deletes a folder and everything in it. */
    public static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            throw new PipelineException("cannot remove " + root + " of an earlier run: " + e.getMessage(), e);
        }
    }
}
