package com.example.credit.batch.runs;

import com.example.credit.batch.storage.FileSystemStorage;
import com.example.credit.batch.storage.Location;
import com.example.credit.batch.storage.RunStorage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The stored-run contract on the file system: the index beside the outputs, as always. */
class FileSystemStoredRunTests extends StoredRunContract {

    private final FileSystemStorage storage = new FileSystemStorage();

    @Override
    RunStorage storage() {
        return storage;
    }

    @Override
    Location store(Path folder, String name) {
        return Location.of(folder);
    }

    @Override
    void addToRun(Path folder) throws IOException {
        Path target = temp.resolve("local/run");
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.toList()) {
                Files.copy(file, target.resolve(file.getFileName()));
            }
        }
    }
}
