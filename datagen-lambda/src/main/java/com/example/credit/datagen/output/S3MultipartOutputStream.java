package com.example.credit.datagen.output;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * Streams one S3 object as a multipart upload: bytes fill a part buffer, each full buffer is uploaded as a
 * part, and {@link #close()} uploads the rest and completes the upload. Only one part is ever held in memory.
 * {@link #abort()} aborts an unfinished upload (S3 then drops its parts) or deletes a completed object.
 */
final class S3MultipartOutputStream extends OutputStream {

    /** S3 refuses parts below 5 MiB except the last one. */
    static final int MIN_PART_SIZE = 5 * 1024 * 1024;

    private final S3Client s3;
    private final String bucket;
    private final String key;
    private final String uploadId;
    private final byte[] buffer;
    private final List<CompletedPart> parts = new ArrayList<>();
    private int filled;
    private boolean completed;
    private boolean aborted;

    S3MultipartOutputStream(S3Client s3, String bucket, String key, int partSize) {
        if (partSize < MIN_PART_SIZE) {
            throw new IllegalArgumentException(
                    "part size must be at least " + MIN_PART_SIZE + " bytes, got " + partSize);
        }
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.bucket = bucket;
        this.key = key;
        this.buffer = new byte[partSize];
        this.uploadId = s3.createMultipartUpload(CreateMultipartUploadRequest.builder()
                        .bucket(bucket)
                        .key(key)
                        .checksumAlgorithm(ChecksumAlgorithm.CRC32)
                        .build())
                .uploadId();
    }

    @Override
    public void write(int b) throws IOException {
        requireOpen();
        if (filled == buffer.length) {
            uploadPart();
        }
        buffer[filled++] = (byte) b;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        requireOpen();
        while (length > 0) {
            if (filled == buffer.length) {
                uploadPart();
            }
            int chunk = Math.min(length, buffer.length - filled);
            System.arraycopy(bytes, offset, buffer, filled, chunk);
            filled += chunk;
            offset += chunk;
            length -= chunk;
        }
    }

    /** Uploads the last part and completes the upload; the object becomes readable. */
    @Override
    public void close() throws IOException {
        if (completed || aborted) {
            return;
        }
        // An object needs at least one part; the last part may be smaller than the minimum (even empty).
        if (filled > 0 || parts.isEmpty()) {
            uploadPart();
        }
        try {
            s3.completeMultipartUpload(CompleteMultipartUploadRequest.builder()
                    .bucket(bucket)
                    .key(key)
                    .uploadId(uploadId)
                    .multipartUpload(
                            CompletedMultipartUpload.builder().parts(parts).build())
                    .build());
        } catch (SdkException e) {
            throw new IOException(
                    "completing the upload of s3://" + bucket + "/" + key + " failed: " + e.getMessage(), e);
        }
        completed = true;
    }

    /** Discards the upload (or the completed object); never throws. */
    void abort() {
        if (aborted) {
            return;
        }
        aborted = true;
        try {
            if (completed) {
                s3.deleteObject(
                        DeleteObjectRequest.builder().bucket(bucket).key(key).build());
            } else {
                s3.abortMultipartUpload(AbortMultipartUploadRequest.builder()
                        .bucket(bucket)
                        .key(key)
                        .uploadId(uploadId)
                        .build());
            }
        } catch (RuntimeException ignored) {
            // Best effort: without _SUCCESS no reader takes the prefix for a dataset, and a bucket lifecycle
            // rule (AbortIncompleteMultipartUpload) reclaims parts left behind.
        }
    }

    private void uploadPart() throws IOException {
        requireOpen();
        int partNumber = parts.size() + 1;
        // Uploaded synchronously before the buffer is reused, so the SDK may read it without a copy.
        UploadPartResponse response;
        try {
            response = s3.uploadPart(
                    UploadPartRequest.builder()
                            .bucket(bucket)
                            .key(key)
                            .uploadId(uploadId)
                            .partNumber(partNumber)
                            .contentLength((long) filled)
                            .checksumAlgorithm(ChecksumAlgorithm.CRC32)
                            .build(),
                    body());
        } catch (SdkException e) {
            throw new IOException(
                    "uploading part " + partNumber + " of s3://" + bucket + "/" + key + " failed: " + e.getMessage(),
                    e);
        }
        parts.add(CompletedPart.builder()
                .partNumber(partNumber)
                .eTag(response.eTag())
                .checksumCRC32(response.checksumCRC32())
                .build());
        filled = 0;
    }

    // A fresh stream over the buffer per attempt lets the SDK retry a part without copying it.
    private RequestBody body() {
        int length = filled;
        return RequestBody.fromContentProvider(
                () -> new ByteArrayInputStream(buffer, 0, length), length, "application/octet-stream");
    }

    private void requireOpen() throws IOException {
        if (completed || aborted) {
            throw new IOException("s3://" + bucket + "/" + key + " is already " + (completed ? "complete" : "aborted"));
        }
    }
}
