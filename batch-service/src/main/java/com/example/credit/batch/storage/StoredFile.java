package com.example.credit.batch.storage;

import java.util.Objects;

/**
 * A stored file as a listing or a look-up finds it.
 *
 * @param location where it is
 * @param path its '/'-separated path below the folder that was listed (its name when looked up alone)
 * @param size its size in bytes
 * @param version a token that changes when the file does: S3's ETag, or the size and modification time of a local
 *     file
 */
public record StoredFile(Location location, String path, long size, String version) {

    public StoredFile {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(version, "version");
        if (size < 0) {
            throw new IllegalArgumentException("size " + size + " of " + location + " must be 0 or more");
        }
    }
}
