package com.example.credit.etl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Reads a prepared layout from a local folder the way a downstream reader would. */
final class PreparedFiles {

    private PreparedFiles() {}

    /** The part files of one output, in name order. */
    static List<Path> parts(Path root, String output) {
        try (Stream<Path> files = Files.list(root.resolve(output))) {
            return files.filter(file -> file.getFileName().toString().startsWith("part-"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The lines of one output: its part files concatenated in name order. */
    static List<String> lines(Path root, String output) {
        List<String> lines = new ArrayList<>();
        for (Path part : parts(root, output)) {
            try {
                lines.addAll(Files.readAllLines(part, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return lines;
    }

    /** The row_id of a prepared JSON line (always its first field). */
    static String rowId(String line) {
        String prefix = "{\"row_id\":\"";
        if (!line.startsWith(prefix)) {
            throw new IllegalArgumentException("line does not start with a row_id: " + line);
        }
        return line.substring(prefix.length(), line.indexOf('"', prefix.length()));
    }

    /** Every file under root (hidden ones included) by relative path, with its bytes. */
    static Map<String, byte[]> allFiles(Path root) {
        Map<String, byte[]> contents = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                contents.put(root.relativize(file).toString(), Files.readAllBytes(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return contents;
    }
}
