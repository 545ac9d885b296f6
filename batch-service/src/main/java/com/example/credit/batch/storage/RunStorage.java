package com.example.credit.batch.storage;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The files of runs, wherever they are stored: what the index step and the dashboard need of a folder of batch
 * outputs — list its files, stream one, read one line at a byte offset — and of its index — upload and download it.
 * Implemented for the file system ({@link FileSystemStorage}) and S3 ({@link S3Storage}); {@link RoutingStorage}
 * picks one by the location. Every failure is a {@link StorageException} naming the location.
 */
public interface RunStorage {

    /** The first range {@link #readLine} asks for; most explained lines are a few kilobytes. */
    int LINE_CHUNK = 16 * 1024;

    /** Whether a file (an object) is stored at the location. */
    boolean isFile(Location location);

    /** Whether the location is a folder: a directory, or on S3 a prefix with at least one object below it. */
    boolean isFolder(Location location);

    /**
     * Why a location is neither a file nor a folder, when the storage can tell more than that (S3: the bucket does
     * not exist, or nothing is stored under the prefix); empty otherwise.
     */
    Optional<String> whyMissing(Location location);

    /**
     * Every file below a folder, at any depth, sorted by relative path.
     *
     * @throws StorageException when the folder cannot be listed
     */
    List<StoredFile> list(Location folder);

    /** A file's size and version. */
    StoredFile stat(Location file);

    /** Streams a file from its start; the caller closes the stream. */
    InputStream open(Location file);

    /** Up to {@code length} bytes of a file from {@code offset}: fewer at its end, none past it. */
    byte[] read(Location file, long offset, int length);

    /**
     * The line that starts at {@code offset}, without its '\n': ranges of {@link #LINE_CHUNK} bytes, doubling,
     * until a newline or the end of the file.
     */
    /**
     * The data files of a prepared channel (labels, protected attributes): the location itself when it is a file, else
     * the files below it that are data (not Spark's {@code _SUCCESS} or {@code .crc}), or empty when nothing is stored
     * there (then {@link #whyMissing} says why).
     */
    default java.util.Optional<List<StoredFile>> dataFiles(Location location) {
        if (isFile(location)) {
            return java.util.Optional.of(List.of(stat(location)));
        }
        if (isFolder(location)) {
            return java.util.Optional.of(list(location).stream()
                    .filter(file -> com.example.credit.core.layout.PreparedLayout.isDataFile(
                            file.location().name()))
                    .toList());
        }
        return java.util.Optional.empty();
    }

    default byte[] readLine(Location file, long offset) {
        ByteArrayOutputStream line = new ByteArrayOutputStream(LINE_CHUNK);
        long position = offset;
        for (int chunk = LINE_CHUNK; ; chunk = Math.min(chunk * 2, 1 << 24)) {
            byte[] bytes = read(file, position, chunk);
            for (int i = 0; i < bytes.length; i++) {
                if (bytes[i] == '\n') {
                    line.write(bytes, 0, i);
                    return line.toByteArray();
                }
            }
            line.write(bytes, 0, bytes.length);
            if (bytes.length < chunk) {
                return line.toByteArray();
            }
            position += bytes.length;
        }
    }

    /**
     * Stores a local file at the location, replacing what is there.
     *
     * @return the stored file's version (S3: the new object's ETag)
     */
    String upload(Path source, Location target);

    /** Copies a stored file to a local file, replacing it. */
    void download(Location source, Path target);
}
