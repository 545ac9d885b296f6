/**
 * Where a run's files are stored, behind one interface: the file system for local paths, S3 (Spring Cloud AWS's
 * {@code S3Template} and the {@code S3Client} it configures) for {@code s3://} locations.
 */
package com.example.credit.batch.storage;
