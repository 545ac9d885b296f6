package com.example.credit.batch.jobs;

import com.example.credit.batch.BatchException;
import com.example.credit.batch.local.LocalTransformer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Saves job records: {@code <folder>/<id>.json} for every job, and for a local job a copy in its output location
 * ({@code <output>/.batch-state/jobs/<id>.json}, beside the resume markers), so that the output says which job
 * wrote it and how that ended. Every write goes to a temporary file renamed into place: a crash leaves the old
 * record or the new one, never half of one.
 */
public final class JobStore {

    private static final Logger LOG = LoggerFactory.getLogger(JobStore.class);

    private final Path folder;
    private final JsonMapper mapper;

    public JobStore(Path folder, JsonMapper mapper) {
        this.folder = folder;
        this.mapper = mapper;
    }

    /** The folder of the records. */
    public Path folder() {
        return folder;
    }

    /**
     * Saves a record.
     *
     * @throws JobStoreException when it cannot be written
     */
    public void save(JobRecord record) {
        String json = mapper.writerWithDefaultPrettyPrinter().writeValueAsString(record.toJson(mapper));
        write(folder.resolve(record.id() + ".json"), json);
        if (record.backend() == JobBackend.LOCAL && !record.spec().output().startsWith("s3://")) {
            Path output = Path.of(record.spec().output());
            if (Files.isDirectory(output)) {
                write(
                        output.resolve(LocalTransformer.STATE_FOLDER)
                                .resolve("jobs")
                                .resolve(record.id() + ".json"),
                        json);
            }
        }
    }

    /**
     * Every saved record, oldest first. A file that cannot be read is left where it is and named in the log; the
     * other jobs load.
     */
    public List<JobRecord> load() {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<JobRecord> records = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(path -> path.getFileName().toString().endsWith(".json"))
                    .sorted()
                    .toList()) {
                try {
                    records.add(JobRecord.fromJson(mapper.readTree(file.toFile())));
                } catch (JacksonException | BatchException | IllegalArgumentException | NullPointerException e) {
                    LOG.warn("job record {} cannot be read and is left out: {}", file, e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new JobStoreException("cannot list the job records in " + folder + ": " + e.getMessage(), e);
        }
        records.sort(Comparator.comparing(JobRecord::submitted).thenComparing(JobRecord::id));
        return records;
    }

    private static void write(Path file, String json) {
        try {
            Files.createDirectories(file.getParent());
            // A temporary file of its own per save: two saves of one record at once (two services over one folder)
            // each replace the record whole, the later one last, and neither fails on the other's temporary file.
            Path temp = Files.createTempFile(file.getParent(), file.getFileName() + ".", ".tmp");
            try {
                Files.writeString(temp, json);
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new JobStoreException("cannot save the job record " + file + ": " + e.getMessage(), e);
        }
    }
}
