package com.example.credit.pipeline.aws;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The data bucket as the AWS target uses it: small text objects, listing, server-side copies, downloads. */
final class Bucket {

    private final S3Client s3;
    private final String name;

    Bucket(S3Client s3, String name) {
        this.s3 = s3;
        this.name = name;
    }

    String name() {
        return name;
    }

    /** {@code s3://bucket/key}. */
    String uri(String key) {
        return "s3://" + name + "/" + key;
    }

    /** An object's text, or empty when it does not exist. */
    Optional<String> read(String key) {
        try {
            return Optional.of(
                    s3.getObjectAsBytes(request -> request.bucket(name).key(key))
                            .asString(StandardCharsets.UTF_8));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw AwsFailures.explain("reading " + uri(key) + " (S3 GetObject)", e);
        }
    }

    /** An object's bytes as a stream; the caller closes it. */
    ResponseInputStream<GetObjectResponse> open(String key) {
        try {
            return s3.getObject(request -> request.bucket(name).key(key));
        } catch (SdkException e) {
            throw AwsFailures.explain("reading " + uri(key) + " (S3 GetObject)", e);
        }
    }

    void write(String key, String text, String contentType) {
        try {
            s3.putObject(
                    request -> request.bucket(name).key(key).contentType(contentType),
                    RequestBody.fromString(text, StandardCharsets.UTF_8));
        } catch (SdkException e) {
            throw AwsFailures.explain("writing " + uri(key) + " (S3 PutObject)", e);
        }
    }

    void upload(String key, Path file, String contentType) {
        try {
            s3.putObject(request -> request.bucket(name).key(key).contentType(contentType), RequestBody.fromFile(file));
        } catch (SdkException e) {
            throw AwsFailures.explain("writing " + uri(key) + " (S3 PutObject)", e);
        }
    }

    /** The keys below a prefix (which should end with {@code /}), in key order. */
    List<String> list(String prefix) {
        List<String> keys = new ArrayList<>();
        try {
            for (S3Object object : s3.listObjectsV2Paginator(
                            request -> request.bucket(name).prefix(prefix))
                    .contents()) {
                keys.add(object.key());
            }
        } catch (SdkException e) {
            throw AwsFailures.explain("listing " + uri(prefix) + " (S3 ListObjectsV2)", e);
        }
        return keys;
    }

    /** Copies an object inside the bucket, server-side. */
    void copy(String from, String to) {
        try {
            s3.copyObject(request -> request.sourceBucket(name)
                    .sourceKey(from)
                    .destinationBucket(name)
                    .destinationKey(to));
        } catch (SdkException e) {
            throw AwsFailures.explain("copying " + uri(from) + " to " + uri(to) + " (S3 CopyObject)", e);
        }
    }

    /**
     * Downloads the objects below a prefix whose names (relative to it) pass {@code wanted} into a folder, keeping
     * their relative paths; each file is written to a temporary name first and moved into place.
     *
     * @return the files written
     */
    List<Path> download(String prefix, Path folder, Predicate<String> wanted) {
        List<Path> files = new ArrayList<>();
        Path root = folder.toAbsolutePath().normalize();
        for (String key : list(prefix)) {
            String relative = key.substring(prefix.length());
            if (relative.isEmpty() || relative.endsWith("/") || !wanted.test(relative)) {
                continue;
            }
            Path target = root.resolve(relative).normalize();
            if (!target.startsWith(root)) {
                throw new AwsStageException("S3 key " + uri(key) + " would be written outside " + root);
            }
            try {
                Files.createDirectories(target.getParent());
                Path temp = target.resolveSibling("." + target.getFileName() + ".download");
                Files.deleteIfExists(temp);
                s3.getObject(request -> request.bucket(name).key(key), ResponseTransformer.toFile(temp));
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (SdkException e) {
                throw AwsFailures.explain("downloading " + uri(key) + " (S3 GetObject)", e);
            } catch (IOException e) {
                throw new AwsStageException("cannot write " + target + ": " + e.getMessage(), e);
            }
            files.add(target);
        }
        return files;
    }
}
