package com.example.credit.batch.storage;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class FileSystemStorageTests extends RunStorageContract {

    private final FileSystemStorage storage = new FileSystemStorage();
    private int folders;

    @Override
    RunStorage storage() {
        return storage;
    }

    @Override
    Location newFolder() {
        return Location.of(temp.resolve("run-" + folders++));
    }

    @Override
    void put(Location location, byte[] bytes) throws IOException {
        Path path = ((Location.Local) location).path();
        Files.createDirectories(path.getParent());
        Files.write(path, bytes);
    }

    @Test
    void refusesAnS3LocationSayingItReadsLocalPathsOnly() {
        assertThatThrownBy(() -> storage.list(Location.parse("s3://credit-runs/run")))
                .isInstanceOf(StorageException.class)
                .hasMessage("s3://credit-runs/run is not a local path; the file system storage reads local paths only");
    }
}
