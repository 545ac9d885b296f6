package com.example.credit.batch.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LocationTests {

    @Test
    void readsAnS3LocationAsBucketAndKeyAndAnythingWithoutASchemeAsAPath() {
        assertThat(Location.parse("s3://credit-runs/batch/2026-12-01"))
                .isEqualTo(new Location.S3("credit-runs", "batch/2026-12-01"));
        assertThat(Location.parse("s3://credit-runs/batch/")).isEqualTo(new Location.S3("credit-runs", "batch"));
        assertThat(Location.parse("s3://credit-runs")).isEqualTo(new Location.S3("credit-runs", ""));
        assertThat(Location.parse("work/batch")).isEqualTo(new Location.Local(Path.of("work/batch")));
        assertThat(Location.parse("/tmp/s3:/x")).isEqualTo(new Location.Local(Path.of("/tmp/s3:/x")));
    }

    @Test
    void resolvesFilesBelowAFolderAndNamesItsLastSegment() {
        Location run = Location.parse("s3://credit-runs/batch/run-7");

        assertThat(run.resolve(".dashboard/index.json"))
                .hasToString("s3://credit-runs/batch/run-7/.dashboard/index.json");
        assertThat(run.name()).isEqualTo("run-7");
        assertThat(Location.parse("s3://credit-runs").resolve("a.out")).hasToString("s3://credit-runs/a.out");
        assertThat(Location.parse("s3://credit-runs").name()).isEqualTo("credit-runs");
        assertThat(Location.parse("work/run-7").resolve("sub/part-1.out"))
                .isEqualTo(new Location.Local(Path.of("work/run-7/sub/part-1.out")));
        assertThat(Location.parse("work/run-7").name()).isEqualTo("run-7");
    }

    @Test
    void refusesBucketNamesThatS3DoesNotAllowNamingTheRule() {
        assertThatThrownBy(() -> Location.parse("s3://Credit_Runs/batch"))
                .isInstanceOf(InvalidLocationException.class)
                .hasMessage("location 's3://Credit_Runs/batch' is invalid: bucket 'Credit_Runs' may hold only lowercase"
                        + " letters, digits, '.' and '-', and must start and end with a letter or digit");
        assertThatThrownBy(() -> Location.parse("s3://ab/batch"))
                .hasMessage("location 's3://ab/batch' is invalid: bucket 'ab' must be 3 to 63 characters long");
        assertThatThrownBy(() -> Location.parse("s3://credit..runs/x"))
                .hasMessageEndingWith("bucket 'credit..runs' must not hold two adjacent periods");
        assertThatThrownBy(() -> Location.parse("s3://192.168.1.10/x"))
                .hasMessageEndingWith("bucket '192.168.1.10' must not be formatted as an IP address");
        assertThatThrownBy(() -> Location.parse("s3:///batch"))
                .hasMessage("location 's3:///batch' is invalid: it names no bucket (s3://bucket/prefix)");
    }

    @Test
    void refusesOtherSchemesAndKeysWithEmptyOrDotSegments() {
        assertThatThrownBy(() -> Location.parse("s3a://credit-runs/batch"))
                .isInstanceOf(InvalidLocationException.class)
                .hasMessage("location 's3a://credit-runs/batch' is invalid: scheme 's3a' is not read here; use s3:// or"
                        + " a path");
        assertThatThrownBy(() -> Location.parse("s3://credit-runs/batch//run"))
                .hasMessage("location 's3://credit-runs/batch//run' is invalid: key 'batch//run' has an empty, '.' or"
                        + " '..' segment");
        assertThatThrownBy(() -> Location.parse("s3://credit-runs/batch/../other"))
                .hasMessageEndingWith("key 'batch/../other' has an empty, '.' or '..' segment");
        assertThatThrownBy(() -> Location.parse(" "))
                .hasMessage("location ' ' is invalid: a location is a path or s3://bucket/prefix");
    }
}
