package com.example.credit.datagen.output;

import com.example.credit.datagen.OutputException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * A dataset under an S3 prefix. Each file is a streaming multipart upload; {@code _SUCCESS} is put only after
 * every upload completed, so a failure half-way leaves no manifest and hence no visible dataset (and the
 * target aborts the uploads and deletes objects it had completed). A prefix that already holds objects is
 * refused unless overwriting was asked for; then its old manifest is deleted first, which hides the old
 * dataset until the new one is committed.
 */
public final class S3DatasetTarget implements DatasetTarget {

    /** Part size of the multipart uploads: 8 MiB, one buffer per open file. */
    public static final int DEFAULT_PART_SIZE = 8 * 1024 * 1024;

    private final S3Client s3;
    private final OutputLocation.S3 location;
    private final int partSize;
    private final List<S3MultipartOutputStream> uploads = new ArrayList<>();

    /**
     * Checks the prefix.
     *
     * @throws OutputException when the prefix holds objects and overwrite is false, or S3 refuses the check
     */
    public S3DatasetTarget(S3Client s3, OutputLocation.S3 location, boolean overwrite, int partSize) {
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.location = Objects.requireNonNull(location, "location");
        this.partSize = partSize;
        try {
            boolean occupied = !s3.listObjectsV2(ListObjectsV2Request.builder()
                            .bucket(location.bucket())
                            .prefix(location.key(""))
                            .maxKeys(1)
                            .build())
                    .contents()
                    .isEmpty();
            if (occupied && !overwrite) {
                throw new OutputException("output " + location + " already holds objects; pass --overwrite (event key"
                        + " overwrite=true) to replace the dataset");
            }
            if (occupied) {
                s3.deleteObject(DeleteObjectRequest.builder()
                        .bucket(location.bucket())
                        .key(location.key(DatasetLayout.SUCCESS))
                        .build());
            }
        } catch (SdkException e) {
            throw new OutputException("cannot use output " + location + ": " + e.getMessage(), e);
        }
    }

    @Override
    public OutputStream create(String relativePath) {
        try {
            S3MultipartOutputStream upload =
                    new S3MultipartOutputStream(s3, location.bucket(), location.key(relativePath), partSize);
            uploads.add(upload);
            return upload;
        } catch (SdkException e) {
            throw new OutputException(
                    "cannot start the upload of " + location + "/" + relativePath + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void commit(byte[] manifest) {
        try {
            s3.putObject(
                    PutObjectRequest.builder()
                            .bucket(location.bucket())
                            .key(location.key(DatasetLayout.SUCCESS))
                            .contentType("application/json")
                            .build(),
                    RequestBody.fromBytes(manifest));
        } catch (SdkException e) {
            throw new OutputException(
                    "cannot write " + location + "/" + DatasetLayout.SUCCESS + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void abort() {
        uploads.forEach(S3MultipartOutputStream::abort);
    }

    @Override
    public String location() {
        return location.toString();
    }
}
