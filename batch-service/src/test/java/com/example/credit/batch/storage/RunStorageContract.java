package com.example.credit.batch.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the index step and the dashboard need of a storage, checked on each implementation: a folder of runs with
 * files at two depths, one line longer than the first range {@link RunStorage#readLine} asks for.
 */
abstract class RunStorageContract {

    @TempDir
    Path temp;

    /** The storage under test. */
    abstract RunStorage storage();

    /** A fresh, empty folder of this storage (not created yet). */
    abstract Location newFolder();

    /** Stores bytes at a location of this storage. */
    abstract void put(Location location, byte[] bytes) throws IOException;

    private static final String LONG = "x".repeat(40_000);

    private Location runWithFiles() throws IOException {
        Location run = newFolder();
        put(run.resolve("b.out"), "{\"b\":1}\n".getBytes(StandardCharsets.UTF_8));
        put(run.resolve("a/x.out"), ("first\n" + LONG + "\nlast").getBytes(StandardCharsets.UTF_8));
        put(run.resolve("a.out"), new byte[0]);
        put(run.resolve(".dashboard/index.json"), "{}".getBytes(StandardCharsets.UTF_8));
        return run;
    }

    @Test
    void listsEveryFileBelowAFolderByRelativePathWithItsSize() throws IOException {
        Location run = runWithFiles();

        assertThat(storage().list(run))
                .extracting(StoredFile::path)
                .containsExactly(".dashboard/index.json", "a.out", "a/x.out", "b.out");
        assertThat(storage().list(run)).extracting(StoredFile::size).containsExactly(2L, 0L, 6L + 40_001 + 4, 8L);
        assertThat(storage().list(run).get(2).location()).isEqualTo(run.resolve("a/x.out"));
    }

    @Test
    void readsLinesAtTheirOffsetsAlsoPastTheFirstRangeAndRangesUpToTheEnd() throws IOException {
        Location file = runWithFiles().resolve("a/x.out");

        assertThat(new String(storage().readLine(file, 0), StandardCharsets.UTF_8))
                .isEqualTo("first");
        assertThat(new String(storage().readLine(file, 6), StandardCharsets.UTF_8))
                .isEqualTo(LONG);
        assertThat(new String(storage().readLine(file, 6 + 40_001), StandardCharsets.UTF_8))
                .isEqualTo("last");
        assertThat(storage().read(file, 6 + 40_001 + 2, 10)).containsExactly('s', 't');
        assertThat(storage().read(file, 6 + 40_001 + 4, 10)).isEmpty();
    }

    @Test
    void streamsAFileAndGivesAVersionThatChangesWithIt() throws IOException {
        Location file = runWithFiles().resolve("b.out");
        StoredFile before = storage().stat(file);
        try (InputStream in = storage().open(file)) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("{\"b\":1}\n");
        }

        put(file, "{\"b\":12}\n".getBytes(StandardCharsets.UTF_8));

        StoredFile after = storage().stat(file);
        assertThat(before.size()).isEqualTo(8);
        assertThat(after.size()).isEqualTo(9);
        assertThat(after.version()).isNotEqualTo(before.version());
        assertThat(after.path()).isEqualTo("b.out");
    }

    @Test
    void uploadsALocalFileAndDownloadsItAgain() throws IOException {
        Location run = newFolder();
        Path source = Files.write(temp.resolve("columns.f64"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8});

        String version = storage().upload(source, run.resolve(".dashboard/columns.f64"));
        Path copy = temp.resolve("copy.f64");
        storage().download(run.resolve(".dashboard/columns.f64"), copy);

        assertThat(copy).hasBinaryContent(new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        assertThat(version)
                .isEqualTo(storage().stat(run.resolve(".dashboard/columns.f64")).version());
    }

    @Test
    void tellsFilesFromFoldersAndMissingLocations() throws IOException {
        Location run = runWithFiles();

        assertThat(storage().isFolder(run)).isTrue();
        assertThat(storage().isFile(run)).isFalse();
        assertThat(storage().isFile(run.resolve("b.out"))).isTrue();
        assertThat(storage().isFolder(run.resolve("b.out"))).isFalse();
        assertThat(storage().isFolder(run.resolve("missing"))).isFalse();
        assertThat(storage().isFile(run.resolve("missing.out"))).isFalse();
    }
}
