package com.example.credit.infra.model;

import com.example.credit.infra.AppSettings;
import java.util.Objects;
import software.amazon.awscdk.services.s3.IBucket;

/**
 * What the model stack needs besides the CDK stack properties.
 *
 * @param bucket the data bucket (training reads prepared/, writes models/; hosting reads models/; Batch
 *     Transform reads batch/input/ and writes batch/output/)
 * @param settings whether to create the endpoint, and the defaults of its instance parameters
 */
public record ModelProps(IBucket bucket, AppSettings settings) {

    public ModelProps {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(settings, "settings");
    }
}
