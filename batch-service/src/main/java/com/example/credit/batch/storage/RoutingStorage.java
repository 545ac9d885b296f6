package com.example.credit.batch.storage;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The storage of any location: the file system for paths, S3 for {@code s3://} locations. The S3 storage is made on
 * first use, so that runs on the file system never need AWS settings (a region, credentials).
 */
public final class RoutingStorage implements RunStorage {

    private final RunStorage files;
    private final Supplier<RunStorage> s3Factory;
    private RunStorage s3;

    /**
     * @param files the storage of local paths
     * @param s3 makes the storage of {@code s3://} locations when one is first used; it throws a
     *     {@link StorageException} saying what is missing when this service has none
     */
    public RoutingStorage(RunStorage files, Supplier<RunStorage> s3) {
        this.files = files;
        this.s3Factory = s3;
    }

    /** Local paths only: an {@code s3://} location fails with the reason given. */
    public static RoutingStorage localOnly(String whyNoS3) {
        return new RoutingStorage(new FileSystemStorage(), () -> {
            throw new StorageException(whyNoS3);
        });
    }

    private RunStorage of(Location location) {
        if (location instanceof Location.Local) {
            return files;
        }
        synchronized (this) {
            if (s3 == null) {
                try {
                    s3 = s3Factory.get();
                } catch (StorageException e) {
                    throw new StorageException(location + " is on S3, but " + e.getMessage(), e);
                }
            }
            return s3;
        }
    }

    @Override
    public boolean isFile(Location location) {
        return of(location).isFile(location);
    }

    @Override
    public boolean isFolder(Location location) {
        return of(location).isFolder(location);
    }

    @Override
    public Optional<String> whyMissing(Location location) {
        return of(location).whyMissing(location);
    }

    @Override
    public List<StoredFile> list(Location folder) {
        return of(folder).list(folder);
    }

    @Override
    public StoredFile stat(Location file) {
        return of(file).stat(file);
    }

    @Override
    public InputStream open(Location file) {
        return of(file).open(file);
    }

    @Override
    public byte[] read(Location file, long offset, int length) {
        return of(file).read(file, offset, length);
    }

    @Override
    public byte[] readLine(Location file, long offset) {
        return of(file).readLine(file, offset);
    }

    @Override
    public String upload(Path source, Location target) {
        return of(target).upload(source, target);
    }

    @Override
    public void download(Location source, Path target) {
        of(source).download(source, target);
    }
}
