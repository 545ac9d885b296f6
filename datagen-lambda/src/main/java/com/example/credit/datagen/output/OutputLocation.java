package com.example.credit.datagen.output;

import com.example.credit.datagen.InvalidRequestException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Objects;

/** Where the output root is: a local folder or an S3 prefix. */
public sealed interface OutputLocation permits OutputLocation.Local, OutputLocation.S3 {

    /**
     * Reads an output argument: {@code s3://bucket/prefix} or a local folder path.
     *
     * @param field the flag or event key it came from, for the error message
     * @throws InvalidRequestException when the value is blank, has no bucket, or is not a valid path
     */
    static OutputLocation parse(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidRequestException(field, value, "must be a local folder or an s3://bucket/prefix URI");
        }
        if (value.startsWith("s3://")) {
            String rest = value.substring("s3://".length());
            int slash = rest.indexOf('/');
            String bucket = slash < 0 ? rest : rest.substring(0, slash);
            String prefix = slash < 0 ? "" : rest.substring(slash + 1);
            if (!bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
                throw new InvalidRequestException(field, value, "must name a valid S3 bucket after s3://");
            }
            return new S3(bucket, prefix.replaceAll("/+$", ""));
        }
        if (value.contains("://")) {
            throw new InvalidRequestException(field, value, "only local folders and s3:// URIs are supported");
        }
        try {
            return new Local(Path.of(value));
        } catch (InvalidPathException e) {
            throw new InvalidRequestException(field, value, "is not a valid path: " + e.getReason());
        }
    }

    /**
     * A local folder.
     *
     * @param folder the output root
     */
    record Local(Path folder) implements OutputLocation {

        public Local {
            Objects.requireNonNull(folder, "folder");
        }

        @Override
        public String toString() {
            return folder.toString();
        }
    }

    /**
     * An S3 prefix.
     *
     * @param bucket the bucket
     * @param prefix the key prefix without leading or trailing slash; empty for the bucket root
     */
    record S3(String bucket, String prefix) implements OutputLocation {

        public S3 {
            Objects.requireNonNull(bucket, "bucket");
            Objects.requireNonNull(prefix, "prefix");
        }

        /** The object key of a path under this prefix. */
        public String key(String relativePath) {
            return prefix.isEmpty() ? relativePath : prefix + "/" + relativePath;
        }

        @Override
        public String toString() {
            return "s3://" + bucket + (prefix.isEmpty() ? "" : "/" + prefix);
        }
    }
}
