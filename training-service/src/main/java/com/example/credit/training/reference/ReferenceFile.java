package com.example.credit.training.reference;

import com.example.credit.core.manifest.ReferenceSet;
import java.util.Objects;

/**
 * One reference population as it goes into the model folder: its manifest entry and the file's bytes (whose row count
 * and SHA-256 the entry records).
 *
 * @param set the entry for {@code model.json}
 * @param content the file content ({@link com.example.credit.core.manifest.ReferenceRows})
 */
public record ReferenceFile(ReferenceSet set, byte[] content) {

    public ReferenceFile {
        Objects.requireNonNull(set, "set");
        content = content.clone();
    }

    @Override
    public byte[] content() {
        return content.clone();
    }
}
