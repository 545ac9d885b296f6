package com.example.credit.datagen.output;

import com.example.credit.datagen.OutputException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A dataset in a local folder. Files are staged in a hidden sibling folder of the target and published with
 * one atomic rename, so a reader sees either no dataset or a complete one. An existing non-empty target is
 * refused unless overwriting was asked for; then it is renamed away first and deleted after the publish.
 */
public final class LocalDatasetTarget implements DatasetTarget {

    private final Path target;
    private final boolean overwrite;
    private final Path staging;
    private final List<OutputStream> open = new ArrayList<>();

    /**
     * Checks the target and creates the staging folder.
     *
     * @throws OutputException when the target exists and is a file, or a non-empty folder without overwrite
     */
    public LocalDatasetTarget(Path target, boolean overwrite) {
        this.target = target.toAbsolutePath().normalize();
        this.overwrite = overwrite;
        Path parent = this.target.getParent();
        if (parent == null) {
            throw new OutputException("output folder " + target + " must not be a file-system root");
        }
        requireWritable();
        try {
            Files.createDirectories(parent);
            this.staging = Files.createTempDirectory(parent, "." + this.target.getFileName() + ".tmp-");
        } catch (IOException e) {
            throw new OutputException("cannot create a staging folder beside " + this.target + ": " + e, e);
        }
    }

    @Override
    public OutputStream create(String relativePath) {
        Path file = staging.resolve(relativePath);
        try {
            Files.createDirectories(file.getParent());
            OutputStream stream = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW);
            open.add(stream);
            return stream;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + file, e);
        }
    }

    @Override
    public void commit(byte[] manifest) {
        try {
            Files.write(staging.resolve(DatasetLayout.SUCCESS), manifest, StandardOpenOption.CREATE_NEW);
            Path previous = null;
            if (Files.isDirectory(target)) {
                requireWritable();
                previous = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".old-");
                Files.delete(previous);
                Files.move(target, previous, StandardCopyOption.ATOMIC_MOVE);
            }
            try {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                if (previous != null) {
                    // Put the old dataset back rather than leave neither.
                    Files.move(previous, target, StandardCopyOption.ATOMIC_MOVE);
                }
                throw e;
            }
            if (previous != null) {
                deleteRecursively(previous);
            }
        } catch (AtomicMoveNotSupportedException e) {
            throw new OutputException(
                    "cannot publish " + target + " atomically: the file system does not support"
                            + " renaming a folder in place",
                    e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot publish " + target, e);
        }
    }

    @Override
    public void abort() {
        for (OutputStream stream : open) {
            try {
                stream.close();
            } catch (IOException ignored) {
                // The folder is deleted next; a close failure changes nothing.
            }
        }
        try {
            deleteRecursively(staging);
        } catch (IOException ignored) {
            // Best effort: the staging folder is hidden and never mistaken for a dataset (it has no _SUCCESS
            // at the target path).
        }
    }

    @Override
    public String location() {
        return target.toString();
    }

    private void requireWritable() {
        if (Files.isRegularFile(target)) {
            throw new OutputException("output " + target + " is a file; it must be a folder or not exist");
        }
        if (Files.isDirectory(target) && !isEmpty(target) && !overwrite) {
            throw new OutputException("output folder " + target + " is not empty; pass --overwrite (event key"
                    + " overwrite=true) to replace it");
        }
    }

    private static boolean isEmpty(Path folder) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            return !entries.iterator().hasNext();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
