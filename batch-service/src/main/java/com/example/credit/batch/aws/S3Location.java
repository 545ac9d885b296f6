package com.example.credit.batch.aws;

import com.example.credit.batch.InvalidJobSpecException;
import java.util.Objects;

/**
 * An {@code s3://bucket/prefix} location.
 *
 * @param bucket the bucket
 * @param prefix the key prefix, without a leading slash (may be empty)
 */
public record S3Location(String bucket, String prefix) {

    public S3Location {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(prefix, "prefix");
    }

    /**
     * Parses a location.
     *
     * @param field the job field it came from, for the message
     * @throws InvalidJobSpecException when it is not {@code s3://bucket[/prefix]}
     */
    public static S3Location parse(String field, String location) {
        if (location == null || !location.startsWith("s3://") || location.length() == "s3://".length()) {
            throw new InvalidJobSpecException(
                    field, location, "must be an S3 location s3://bucket/prefix for the AWS back end");
        }
        String rest = location.substring("s3://".length());
        int slash = rest.indexOf('/');
        return slash < 0
                ? new S3Location(rest, "")
                : new S3Location(rest.substring(0, slash), rest.substring(slash + 1));
    }

    /** The location as a URI. */
    public String uri() {
        return "s3://" + bucket + "/" + prefix;
    }
}
