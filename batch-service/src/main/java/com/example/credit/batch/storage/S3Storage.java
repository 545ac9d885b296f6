package com.example.credit.batch.storage;

import io.awspring.cloud.s3.InMemoryBufferingS3OutputStreamProvider;
import io.awspring.cloud.s3.Jackson2JsonS3ObjectConverter;
import io.awspring.cloud.s3.S3Template;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ServiceClientConfiguration;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs on S3 through Spring Cloud AWS: {@link S3Template} for existence checks and {@code S3Resource} streams, and the
 * {@link S3Client} it is built on where the template has nothing to offer — ranged GETs (one applicant's line), a
 * listing of every page (the template's {@code listObjects} reads only the first 1000 keys, without their sizes and
 * ETags), and PUTs straight from a file (the template's upload goes through an output stream that takes one byte at
 * a time). Errors name the {@code s3://} location and S3's error code; an access denial names the IAM action.
 */
public final class S3Storage implements RunStorage {

    private final S3Template template;
    private final S3Client client;

    /** Over the template and client Spring Cloud AWS configures ({@code spring.cloud.aws.*}). */
    public S3Storage(S3Template template, S3Client client) {
        this.template = template;
        this.client = client;
    }

    /**
     * Over a client built by hand (the command line): the template Spring Cloud AWS would build around it, with a
     * presigner of the client's region, credentials and endpoint (the template needs one; nothing here presigns).
     */
    public static S3Storage of(S3Client client) {
        S3ServiceClientConfiguration configuration = client.serviceClientConfiguration();
        S3Presigner.Builder presigner = S3Presigner.builder()
                .region(configuration.region())
                .credentialsProvider(configuration.credentialsProvider());
        configuration.endpointOverride().ifPresent(presigner::endpointOverride);
        return new S3Storage(
                new S3Template(
                        client,
                        new InMemoryBufferingS3OutputStreamProvider(client, null),
                        new Jackson2JsonS3ObjectConverter(JsonMapper.shared()),
                        presigner.build()),
                client);
    }

    @Override
    public boolean isFile(Location location) {
        Location.S3 s3 = s3(location);
        return !s3.key().isEmpty()
                && call(location, "s3:GetObject", () -> template.objectExists(s3.bucket(), s3.key()));
    }

    @Override
    public boolean isFolder(Location location) {
        Location.S3 s3 = s3(location);
        return call(location, "s3:ListBucket", () -> {
            try {
                return !client.listObjectsV2(request -> request.bucket(s3.bucket())
                                .prefix(s3.folderPrefix())
                                .maxKeys(1))
                        .contents()
                        .isEmpty();
            } catch (NoSuchBucketException e) {
                return false;
            }
        });
    }

    @Override
    public Optional<String> whyMissing(Location location) {
        Location.S3 s3 = s3(location);
        if (!call(location, "s3:ListBucket", () -> template.bucketExists(s3.bucket()))) {
            return Optional.of("bucket '" + s3.bucket() + "' does not exist");
        }
        return Optional.of(
                s3.key().isEmpty()
                        ? "bucket '" + s3.bucket() + "' is empty"
                        : "nothing is stored under prefix '" + s3.folderPrefix() + "' of bucket '" + s3.bucket() + "'");
    }

    @Override
    public List<StoredFile> list(Location folder) {
        Location.S3 s3 = s3(folder);
        String prefix = s3.folderPrefix();
        return call(folder, "s3:ListBucket", () -> {
            List<StoredFile> files = new ArrayList<>();
            ListObjectsV2Request request = ListObjectsV2Request.builder()
                    .bucket(s3.bucket())
                    .prefix(prefix)
                    .build();
            for (S3Object object : client.listObjectsV2Paginator(request).contents()) {
                // Keys ending in '/' are the empty "folder" objects consoles create: no file.
                if (!object.key().endsWith("/")) {
                    String relative = object.key().substring(prefix.length());
                    files.add(new StoredFile(folder.resolve(relative), relative, object.size(), object.eTag()));
                }
            }
            files.sort(Comparator.comparing(StoredFile::path));
            return List.copyOf(files);
        });
    }

    @Override
    public StoredFile stat(Location file) {
        Location.S3 s3 = s3(file);
        HeadObjectResponse head = call(
                file,
                "s3:GetObject",
                () -> client.headObject(request -> request.bucket(s3.bucket()).key(s3.key())));
        return new StoredFile(file, file.name(), head.contentLength(), head.eTag());
    }

    @Override
    public InputStream open(Location file) {
        Location.S3 s3 = s3(file);
        return call(file, "s3:GetObject", () -> {
            try {
                return template.download(s3.bucket(), s3.key()).getInputStream();
            } catch (IOException e) {
                throw new StorageException("cannot read " + file + ": " + e.getMessage(), e);
            }
        });
    }

    @Override
    public byte[] read(Location file, long offset, int length) {
        Location.S3 s3 = s3(file);
        return call(file, "s3:GetObject", () -> {
            try {
                return client.getObject(
                                request -> request.bucket(s3.bucket())
                                        .key(s3.key())
                                        .range("bytes=" + offset + "-" + (offset + length - 1)),
                                ResponseTransformer.toBytes())
                        .asByteArray();
            } catch (S3Exception e) {
                // 416: the range starts at or past the end of the object.
                if (e.statusCode() == 416) {
                    return new byte[0];
                }
                throw e;
            }
        });
    }

    @Override
    public String upload(Path source, Location target) {
        Location.S3 s3 = s3(target);
        return call(target, "s3:PutObject", () -> client.putObject(
                        request -> request.bucket(s3.bucket()).key(s3.key()), RequestBody.fromFile(source))
                .eTag());
    }

    @Override
    public void download(Location source, Path target) {
        try (InputStream in = open(source)) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new StorageException("cannot download " + source + " to " + target + ": " + e.getMessage(), e);
        }
    }

    private static Location.S3 s3(Location location) {
        if (location instanceof Location.S3 s3) {
            return s3;
        }
        throw new StorageException(location + " is not an s3:// location; the S3 storage reads s3:// locations only");
    }

    /** Runs an S3 call and words its failure: the location, S3's status and error code, the IAM action needed. */
    private static <T> T call(Location location, String action, Supplier<T> call) {
        try {
            return call.get();
        } catch (NoSuchBucketException e) {
            throw new StorageException(
                    location + ": bucket '" + ((Location.S3) location).bucket() + "' does not exist", e);
        } catch (NoSuchKeyException e) {
            throw new StorageException(location + ": no such object", e);
        } catch (S3Exception e) {
            String code =
                    e.awsErrorDetails() == null ? "" : " " + e.awsErrorDetails().errorCode();
            throw new StorageException(
                    location + ": S3 answered " + e.statusCode() + code
                            + (e.statusCode() == 403 ? " (the caller needs " + action + " on it)" : ""),
                    e);
        } catch (SdkClientException e) {
            throw new StorageException(location + ": cannot reach S3: " + e.getMessage(), e);
        } catch (SdkException | io.awspring.cloud.s3.S3Exception e) {
            throw new StorageException(location + ": " + e.getMessage(), e);
        }
    }
}
