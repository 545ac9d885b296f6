package com.example.credit.batch.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Runs on the local file system: plain paths, walked, streamed and read at an offset. */
public final class FileSystemStorage implements RunStorage {

    @Override
    public boolean isFile(Location location) {
        return Files.isRegularFile(path(location));
    }

    @Override
    public boolean isFolder(Location location) {
        return Files.isDirectory(path(location));
    }

    @Override
    public Optional<String> whyMissing(Location location) {
        return Optional.empty();
    }

    @Override
    public List<StoredFile> list(Location folder) {
        Path root = path(folder);
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile)
                    .map(file -> root.relativize(file).toString().replace('\\', '/'))
                    .sorted()
                    .map(relative -> stored(folder.resolve(relative), relative))
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            throw new StorageException("cannot list " + folder + ": " + e.getMessage(), e);
        }
    }

    @Override
    public StoredFile stat(Location file) {
        return stored(file, file.name());
    }

    private static StoredFile stored(Location location, String relative) {
        Path path = path(location);
        try {
            long size = Files.size(path);
            return new StoredFile(
                    location,
                    relative,
                    size,
                    size + "-" + Files.getLastModifiedTime(path).toMillis());
        } catch (IOException e) {
            throw new StorageException("cannot read the size of " + location + ": " + e.getMessage(), e);
        }
    }

    @Override
    public InputStream open(Location file) {
        try {
            return Files.newInputStream(path(file));
        } catch (IOException e) {
            throw new StorageException("cannot open " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public byte[] read(Location file, long offset, int length) {
        try (FileChannel channel = FileChannel.open(path(file), StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.allocate(length);
            long position = offset;
            for (int n; buffer.hasRemaining() && (n = channel.read(buffer, position)) > 0; ) {
                position += n;
            }
            return Arrays.copyOf(buffer.array(), buffer.position());
        } catch (IOException e) {
            throw new StorageException("cannot read " + file + " at byte " + offset + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String upload(Path source, Location target) {
        Path path = path(target);
        try {
            if (path.getParent() != null) {
                Files.createDirectories(path.getParent());
            }
            Files.copy(source, path, StandardCopyOption.REPLACE_EXISTING);
            return stat(target).version();
        } catch (IOException e) {
            throw new StorageException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void download(Location source, Path target) {
        try {
            Files.copy(path(source), target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new StorageException("cannot copy " + source + " to " + target + ": " + e.getMessage(), e);
        }
    }

    private static Path path(Location location) {
        if (location instanceof Location.Local local) {
            return local.path();
        }
        throw new StorageException(location + " is not a local path; the file system storage reads local paths only");
    }
}
