package com.example.credit.training.model;

import com.example.credit.training.TrainingException;
import com.example.credit.training.TrainingException.Reason;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Loads LightGBM's native libraries from a folder of this process's own. LightGBM4j extracts them into
 * {@code java.io.tmpdir} under fixed names when its classes initialise, writing the files again even when they exist:
 * a second JVM on the same machine rewrites the library that a running one has mapped, and the running one crashes
 * (SIGSEGV; seen with two builds side by side). Here {@code java.io.tmpdir} names a fresh folder of its own while
 * LightGBM4j initialises, and the files are deleted once loaded (the loaded library stays mapped). Call before any
 * LightGBM4j class is used; later calls do nothing.
 */
final class NativeLightGbm {

    private static final String BOOSTER_CLASS = "io.github.metarank.lightgbm4j.LGBMBooster";
    private static boolean loaded;

    private NativeLightGbm() {}

    /**
     * Initialises LightGBM4j with its libraries extracted into a private folder.
     *
     * @throws TrainingException (reason LIGHTGBM) when the folder cannot be made
     */
    static synchronized void load() {
        if (loaded) {
            return;
        }
        String tmp = System.getProperty("java.io.tmpdir");
        Path folder;
        try {
            folder = Files.createTempDirectory(Path.of(tmp), "lightgbm4j-");
        } catch (IOException | UncheckedIOException e) {
            throw new TrainingException(
                    Reason.LIGHTGBM,
                    "cannot make a folder for LightGBM's native libraries in java.io.tmpdir " + tmp + ": "
                            + e.getMessage(),
                    e);
        }
        try {
            System.setProperty("java.io.tmpdir", folder.toString());
            Class.forName(BOOSTER_CLASS, true, NativeLightGbm.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("LightGBM4j is not on the class path: " + BOOSTER_CLASS, e);
        } finally {
            System.setProperty("java.io.tmpdir", tmp);
            deleteQuietly(folder);
        }
        loaded = true;
    }

    /** Deletes the folder and the extracted files; what cannot be deleted (a loaded DLL on Windows) stays. */
    private static void deleteQuietly(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    // Left for the system's temporary-file clean-up.
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // Left for the system's temporary-file clean-up.
        }
    }
}
