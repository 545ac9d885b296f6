package com.example.credit.batch.runs;

import com.example.credit.batch.storage.Location;
import com.example.credit.batch.storage.RunStorage;
import com.example.credit.batch.storage.StoredFile;
import com.example.credit.core.schema.FeatureCatalog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Runs wherever their batch outputs are stored. A run on the file system keeps its index beside its outputs, as
 * {@link RunIndexWriter} and {@link RunIndex} always did. A run on S3 is indexed into a local cache folder and its
 * {@code .dashboard/} uploaded beside the outputs ({@code index.json} last, so that whoever sees the new summary finds
 * the new columns beside it); opening it maps the cache's copy of the index, downloaded first when the cache does not
 * hold the {@code index.json} that S3 holds now. The two are told apart by {@code index.json}'s ETag and size, which
 * name the cache's version folder: {@code <cache>/<run name>-<hash of its location>/v-<hash of ETag and size>/}. An
 * applicant's line is read from S3 with one ranged GET.
 */
public final class StoredRuns {

    private final RunStorage storage;
    private final Path cacheDir;
    private final FeatureCatalog catalog;

    /**
     * @param storage where the runs are
     * @param cacheDir the local folder of S3 runs' indexes (created when first needed)
     * @param catalog the features the runs are read with
     */
    public StoredRuns(RunStorage storage, Path cacheDir, FeatureCatalog catalog) {
        this.storage = storage;
        this.cacheDir = cacheDir;
        this.catalog = catalog;
    }

    /** The cache folder used when none is configured: {@code credit-dashboard-cache} in {@code java.io.tmpdir}. */
    public static Path defaultCacheDir() {
        return Path.of(System.getProperty("java.io.tmpdir"), "credit-dashboard-cache");
    }

    /** The storage the runs are read through. */
    public RunStorage storage() {
        return storage;
    }

    /** Whether the run has an index. */
    public boolean indexed(Location output) {
        return output instanceof Location.Local local ? RunIndex.exists(local.path()) : storage.isFile(summary(output));
    }

    /**
     * The version of the run's stored index — {@code index.json}'s ETag on S3, its size and modification time on
     * the file system — or empty when the run has none.
     */
    public Optional<String> indexVersion(Location output) {
        Location summary = summary(output);
        return storage.isFile(summary) ? Optional.of(version(storage.stat(summary))) : Optional.empty();
    }

    /**
     * Indexes the run (the one-off step): in place on the file system; on S3 into the cache, then uploaded beside
     * the outputs.
     *
     * @return the number of applicants indexed
     */
    public long index(Location output, Map<String, Boolean> labels) {
        return index(output, labels, null);
    }

    /**
     * Indexes the run with its applicants' protected groups (for the filter by group and, with labels, the fairness
     * analysis under the default settings), or without when null.
     *
     * @return the number of applicants indexed
     */
    public long index(Location output, Map<String, Boolean> labels, ProtectedGroups protectedGroups) {
        return index(output, labels, protectedGroups, BiasSettings.DEFAULT);
    }

    /**
     * Indexes the run with its applicants' protected groups, analysing its fairness with these settings.
     *
     * @return the number of applicants indexed
     */
    public long index(
            Location output, Map<String, Boolean> labels, ProtectedGroups protectedGroups, BiasSettings biasSettings) {
        return index(output, labels, protectedGroups, biasSettings, null);
    }

    /**
     * Indexes the run with its applicants' protected groups (or none when null), analysing its fairness with these
     * settings, and with the global explanations of the model that explained it (none when null).
     *
     * @return the number of applicants indexed
     */
    public long index(
            Location output,
            Map<String, Boolean> labels,
            ProtectedGroups protectedGroups,
            BiasSettings biasSettings,
            RunModel model) {
        RunIndexWriter writer = new RunIndexWriter(catalog, model);
        if (output instanceof Location.Local local) {
            return writer.write(local.path(), labels, protectedGroups, biasSettings);
        }
        Path staging = staging(output, "index-");
        try {
            Path folder = staging.resolve("index");
            long rows = writer.write(storage, output, folder, labels, protectedGroups, biasSettings);
            Location target = output.resolve(RunColumns.FOLDER);
            for (Path file : files(folder)) {
                if (!file.getFileName().toString().equals(RunColumns.SUMMARY)) {
                    storage.upload(file, target.resolve(file.getFileName().toString()));
                }
            }
            Path summary = folder.resolve(RunColumns.SUMMARY);
            String etag = storage.upload(summary, target.resolve(RunColumns.SUMMARY));
            install(folder, runCache(output).resolve(versionFolder(etag, Files.size(summary))));
            return rows;
        } catch (IOException e) {
            throw new RunIndexException("cannot index " + output + " through " + staging + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(staging);
        }
    }

    /**
     * Opens an indexed run: mapped in place on the file system; on S3 from the cache, downloading the stored index
     * when the cache does not hold its current version (and removing the cache's older versions).
     *
     * @throws RunIndexException when it has no index, or one this build cannot read
     */
    public RunIndex open(Location output) {
        if (output instanceof Location.Local local) {
            return RunIndex.open(local.path(), catalog);
        }
        Location summary = summary(output);
        if (!storage.isFile(summary)) {
            throw new RunIndexException("run " + output + " has no index: index it first");
        }
        StoredFile stored = storage.stat(summary);
        Path runCache = runCache(output);
        Path version = runCache.resolve(versionFolder(stored.version(), stored.size()));
        if (!Files.isRegularFile(version.resolve(RunColumns.SUMMARY))) {
            download(output, stored, version);
        }
        pruneOtherVersions(runCache, version);
        return RunIndex.open(storage, output, version, catalog);
    }

    private void download(Location output, StoredFile summary, Path version) {
        Path staging = staging(output, "download-");
        try {
            Path folder = Files.createDirectories(staging.resolve("index"));
            for (StoredFile file : storage.list(output.resolve(RunColumns.FOLDER))) {
                // The index folder's own files; nothing below it is part of the index.
                if (!file.path().contains("/")) {
                    storage.download(file.location(), folder.resolve(file.path()));
                }
            }
            StoredFile now = storage.stat(summary.location());
            if (!version(now).equals(version(summary))) {
                throw new RunIndexException("the index of run " + output + " changed while it was downloaded (it is"
                        + " being written again?): open the run again");
            }
            install(folder, version);
        } catch (IOException e) {
            throw new RunIndexException(
                    "cannot download the index of " + output + " into " + staging + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(staging);
        }
    }

    /** Moves a complete index into its version folder, unless another opener got there first. */
    private static void install(Path folder, Path version) throws IOException {
        try {
            Files.move(folder, version, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
            // The same version, downloaded or written by another opener: theirs is as good as ours.
        }
    }

    /**
     * Removes the cache's other versions of the run. Best effort: a file system that refuses to delete a file that is
     * still mapped (Windows) keeps it until the next time; POSIX ones keep the mapped data of an older index that a
     * request still reads until it is unmapped.
     */
    private static void pruneOtherVersions(Path runCache, Path keep) {
        try (Stream<Path> folders = Files.list(runCache)) {
            for (Path folder : folders.toList()) {
                if (!folder.equals(keep) && folder.getFileName().toString().startsWith("v-")) {
                    deleteQuietly(folder);
                }
            }
        } catch (IOException e) {
            // Left for the next open.
        }
    }

    private Path staging(Location output, String prefix) {
        try {
            return Files.createTempDirectory(Files.createDirectories(runCache(output)), prefix);
        } catch (IOException e) {
            throw new RunIndexException(
                    "cannot create a folder in the cache " + cacheDir + " for " + output + ": " + e.getMessage(), e);
        }
    }

    /** The run's folder in the cache: its name, made safe, and a hash of its whole location. */
    private Path runCache(Location output) {
        String name = output.name().replaceAll("[^A-Za-z0-9._-]", "_");
        return cacheDir.resolve(name.substring(0, Math.min(name.length(), 40)) + "-"
                + sha256(output.toString()).substring(0, 12));
    }

    private static Location summary(Location output) {
        return output.resolve(RunColumns.FOLDER).resolve(RunColumns.SUMMARY);
    }

    private static String version(StoredFile file) {
        return file.version() + " (" + file.size() + " bytes)";
    }

    private static String versionFolder(String version, long size) {
        return "v-" + sha256(version + " (" + size + " bytes)").substring(0, 16);
    }

    private static List<Path> files(Path folder) throws IOException {
        try (Stream<Path> list = Files.list(folder)) {
            return list.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JRE has no SHA-256", e);
        }
    }

    /** Deletes a staging or an outdated version folder; one left behind is never read and goes next time. */
    private static void deleteQuietly(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            // Staging folders and old versions are never read again.
        }
    }
}
