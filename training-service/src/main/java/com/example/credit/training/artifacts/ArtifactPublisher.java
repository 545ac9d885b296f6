package com.example.credit.training.artifacts;

import com.example.credit.training.TrainingException;
import com.example.credit.training.TrainingException.Reason;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Puts the model's files into the model folder so that no reader ever sees a half-written one: every file is
 * written completely into a temporary folder beside the model folder, then renamed into place, the last one
 * given (the manifest) last.
 */
public final class ArtifactPublisher {

    private ArtifactPublisher() {}

    /**
     * Writes the files into {@code modelDir}, creating it when needed and replacing files of the same name.
     *
     * @param files file name to content, in publication order
     * @throws TrainingException when a file cannot be written or moved
     */
    public static void publish(Path modelDir, Map<String, byte[]> files) {
        Path target = modelDir.toAbsolutePath().normalize();
        Path staging = null;
        try {
            Files.createDirectories(target.getParent());
            staging = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".partial-");
            for (Map.Entry<String, byte[]> file : new LinkedHashMap<>(files).entrySet()) {
                Files.write(staging.resolve(file.getKey()), file.getValue());
            }
            Files.createDirectories(target);
            for (String name : files.keySet()) {
                moveIntoPlace(staging.resolve(name), target.resolve(name));
            }
        } catch (IOException e) {
            throw new TrainingException(Reason.IO, "cannot write the model to " + target + ": " + e.getMessage(), e);
        } finally {
            if (staging != null) {
                deleteQuietly(staging);
            }
        }
    }

    private static void moveIntoPlace(Path source, Path destination) throws IOException {
        try {
            Files.move(source, destination, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            // The model folder is another file system (a mount in the container): copy under a hidden name
            // inside it, then rename there, which is atomic again.
            Path hidden = destination.resolveSibling("." + destination.getFileName() + ".partial");
            Files.copy(source, hidden, StandardCopyOption.REPLACE_EXISTING);
            Files.move(hidden, destination, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteQuietly(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // Leftovers of a hidden staging folder do no harm; the model folder is already complete.
        }
    }
}
