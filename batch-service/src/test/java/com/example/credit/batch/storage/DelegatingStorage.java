package com.example.credit.batch.storage;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** A storage that passes every call to another: tests override the calls they make fail. */
public class DelegatingStorage implements RunStorage {

    private final RunStorage delegate;

    public DelegatingStorage(RunStorage delegate) {
        this.delegate = delegate;
    }

    @Override
    public boolean isFile(Location location) {
        return delegate.isFile(location);
    }

    @Override
    public boolean isFolder(Location location) {
        return delegate.isFolder(location);
    }

    @Override
    public Optional<String> whyMissing(Location location) {
        return delegate.whyMissing(location);
    }

    @Override
    public List<StoredFile> list(Location folder) {
        return delegate.list(folder);
    }

    @Override
    public StoredFile stat(Location file) {
        return delegate.stat(file);
    }

    @Override
    public InputStream open(Location file) {
        return delegate.open(file);
    }

    @Override
    public byte[] read(Location file, long offset, int length) {
        return delegate.read(file, offset, length);
    }

    @Override
    public String upload(Path source, Location target) {
        return delegate.upload(source, target);
    }

    @Override
    public void download(Location source, Path target) {
        delegate.download(source, target);
    }
}
