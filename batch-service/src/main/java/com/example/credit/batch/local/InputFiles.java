package com.example.credit.batch.local;

import com.example.credit.batch.TransformException;
import com.example.credit.core.layout.PreparedLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Lists the input files of a job in input order: every regular file below the input folder, sorted by relative
 * path, skipping names that start with {@code .} or {@code _} (Spark's {@code _SUCCESS} and {@code .crc} files).
 */
public final class InputFiles {

    private InputFiles() {}

    /**
     * The files of an input location (a file or a folder).
     *
     * @throws TransformException when the location does not exist or holds no file
     */
    public static List<InputFile> list(Path input) {
        if (Files.isRegularFile(input)) {
            return List.of(new InputFile(input, input.getFileName().toString()));
        }
        if (!Files.isDirectory(input)) {
            throw new TransformException("input " + input + " is neither a file nor a folder");
        }
        try (Stream<Path> files = Files.walk(input)) {
            List<InputFile> found = files.filter(Files::isRegularFile)
                    .filter(file -> visible(input.relativize(file)))
                    .map(file -> new InputFile(file, relative(input, file)))
                    .sorted(Comparator.comparing(InputFile::relativePath))
                    .toList();
            if (found.isEmpty()) {
                throw new TransformException("input folder " + input + " holds no input file");
            }
            return found;
        } catch (IOException e) {
            throw new TransformException("cannot list input folder " + input + ": " + e.getMessage(), e);
        }
    }

    private static boolean visible(Path relative) {
        for (Path part : relative) {
            if (!PreparedLayout.isDataFile(part.toString())) {
                return false;
            }
        }
        return true;
    }

    private static String relative(Path root, Path file) {
        return root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
    }
}
