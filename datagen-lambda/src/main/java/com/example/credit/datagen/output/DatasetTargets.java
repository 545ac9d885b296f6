package com.example.credit.datagen.output;

import java.util.function.Supplier;
import software.amazon.awssdk.services.s3.S3Client;

/** Opens the target for an output location. */
public final class DatasetTargets {

    private DatasetTargets() {}

    /**
     * The target for a location; the S3 client is only asked for when the location is on S3.
     *
     * @throws com.example.credit.datagen.OutputException when the target exists and may not be overwritten
     */
    public static DatasetTarget open(OutputLocation location, boolean overwrite, Supplier<S3Client> s3) {
        if (location instanceof OutputLocation.S3 prefix) {
            return new S3DatasetTarget(s3.get(), prefix, overwrite, S3DatasetTarget.DEFAULT_PART_SIZE);
        }
        return new LocalDatasetTarget(((OutputLocation.Local) location).folder(), overwrite);
    }
}
