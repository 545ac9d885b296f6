package com.example.credit.batch.storage;

import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where a file or a folder of a run is stored: a local path, or a key (prefix) in an S3 bucket. Parsed from the text
 * a user gives ({@code s3://bucket/prefix} or a path); a folder's files are addressed by '/'-separated relative paths
 * in both.
 */
public sealed interface Location permits Location.Local, Location.S3 {

    /**
     * Reads {@code s3://bucket[/key]} as an S3 location and anything without a scheme as a local path.
     *
     * @throws InvalidLocationException for a blank text, another scheme, a bucket name S3 does not allow, or a key
     *     with empty, '.' or '..' segments
     */
    static Location parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidLocationException(String.valueOf(text), "a location is a path or s3://bucket/prefix");
        }
        int scheme = text.indexOf("://");
        if (scheme > 0 && S3.URI_SCHEME.matcher(text.substring(0, scheme)).matches()) {
            if (!text.startsWith(S3.SCHEME)) {
                throw new InvalidLocationException(
                        text, "scheme '" + text.substring(0, scheme) + "' is not read here; use s3:// or a path");
            }
            return S3.parse(text);
        }
        try {
            return new Local(Path.of(text));
        } catch (InvalidPathException e) {
            throw new InvalidLocationException(text, "not a path: " + e.getReason());
        }
    }

    /** A local path as a location. */
    static Location of(Path path) {
        return new Local(path);
    }

    /** The location of a file or folder below this folder, by a '/'-separated relative path. */
    Location resolve(String relative);

    /** The last segment (a folder's or file's name; the bucket's for a whole bucket), for messages. */
    String name();

    /**
     * A local file or folder.
     *
     * @param path the path as given (relative paths stay relative)
     */
    record Local(Path path) implements Location {

        public Local {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public Location resolve(String relative) {
            return new Local(path.resolve(relative));
        }

        @Override
        public String name() {
            Path name = path.getFileName();
            return name == null ? path.toString() : name.toString();
        }

        @Override
        public String toString() {
            return path.toString();
        }
    }

    /**
     * An S3 object, or the folder of the objects below a prefix.
     *
     * @param bucket the bucket
     * @param key the key, or the prefix of a folder, without a leading or trailing '/' (empty: the whole bucket)
     */
    record S3(String bucket, String key) implements Location {

        static final String SCHEME = "s3://";

        /** Any scheme, as URIs write it (letters, digits, '+', '-', '.'): only s3:// is read. */
        static final Pattern URI_SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*");

        // S3's rules for general purpose bucket names: 3 to 63 characters, lowercase letters, digits, '.' and '-',
        // a letter or digit at both ends (the other rules are checked apart, to name the one that is broken).
        private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
        private static final Pattern IP_ADDRESS = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

        public S3 {
            String where = SCHEME + bucket + "/" + key;
            String rule = bucketRule(bucket);
            if (rule != null) {
                throw new InvalidLocationException(where, "bucket '" + bucket + "' " + rule);
            }
            Objects.requireNonNull(key, "key");
            if (key.startsWith("/") || key.endsWith("/")) {
                throw new InvalidLocationException(where, "a key has no leading or trailing '/' here");
            }
            if (!key.isEmpty()) {
                for (String segment : key.split("/", -1)) {
                    if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                        throw new InvalidLocationException(
                                where, "key '" + key + "' has an empty, '.' or '..' segment");
                    }
                }
            }
            if (key.getBytes(StandardCharsets.UTF_8).length > 1024) {
                throw new InvalidLocationException(where, "a key is at most 1024 bytes of UTF-8");
            }
        }

        static S3 parse(String text) {
            String rest = text.substring(SCHEME.length());
            int slash = rest.indexOf('/');
            String bucket = slash < 0 ? rest : rest.substring(0, slash);
            String key = slash < 0 ? "" : rest.substring(slash + 1);
            if (bucket.isEmpty()) {
                throw new InvalidLocationException(text, "it names no bucket (s3://bucket/prefix)");
            }
            // A folder may be written with a trailing '/' (as the AWS CLI does): s3://b/run/ is s3://b/run.
            if (key.endsWith("/")) {
                key = key.substring(0, key.length() - 1);
            }
            return new S3(bucket, key);
        }

        private static String bucketRule(String bucket) {
            if (bucket == null || bucket.length() < 3 || bucket.length() > 63) {
                return "must be 3 to 63 characters long";
            }
            if (!BUCKET.matcher(bucket).matches()) {
                return "may hold only lowercase letters, digits, '.' and '-', and must start and end with a letter"
                        + " or digit";
            }
            if (bucket.contains("..")) {
                return "must not hold two adjacent periods";
            }
            if (IP_ADDRESS.matcher(bucket).matches()) {
                return "must not be formatted as an IP address";
            }
            if (bucket.startsWith("xn--") || bucket.endsWith("-s3alias") || bucket.endsWith("--ol-s3")) {
                return "must not start with 'xn--' or end with '-s3alias' or '--ol-s3'";
            }
            return null;
        }

        /** The prefix of the objects below this folder: the key and '/', or empty for the whole bucket. */
        public String folderPrefix() {
            return key.isEmpty() ? "" : key + "/";
        }

        @Override
        public Location resolve(String relative) {
            return new S3(bucket, folderPrefix() + relative);
        }

        @Override
        public String name() {
            return key.isEmpty() ? bucket : key.substring(key.lastIndexOf('/') + 1);
        }

        @Override
        public String toString() {
            return SCHEME + bucket + "/" + key;
        }
    }
}
