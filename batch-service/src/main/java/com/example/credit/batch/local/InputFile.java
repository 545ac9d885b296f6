package com.example.credit.batch.local;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One input file and its place below the input root, which is also its place below the output root.
 *
 * @param path the file
 * @param relativePath the path below the input root with {@code /} separators (the file name for a single file)
 */
public record InputFile(Path path, String relativePath) {

    public InputFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(relativePath, "relativePath");
    }

    /** Where its output goes: {@code <output>/<relative path>.out}. */
    public Path outputIn(Path outputRoot) {
        return outputRoot.resolve(relativePath + ".out");
    }
}
