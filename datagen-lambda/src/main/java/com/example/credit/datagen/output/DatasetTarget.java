package com.example.credit.datagen.output;

import java.io.OutputStream;

/**
 * Where a dataset is written. Files are staged invisibly; {@link #commit} writes the manifest last and makes
 * the dataset visible; {@link #abort} removes whatever was staged. A target is used for one dataset only.
 */
public interface DatasetTarget {

    /**
     * Opens a staged file for writing. Closing the stream finishes the file (but does not publish it).
     *
     * @param relativePath a path of {@link DatasetLayout}
     */
    OutputStream create(String relativePath);

    /** Writes the manifest as {@link DatasetLayout#SUCCESS}, after every file has been closed, and publishes. */
    void commit(byte[] manifest);

    /** Discards everything staged, including files still open; never throws. */
    void abort();

    /** The output root, for messages and responses. */
    String location();
}
