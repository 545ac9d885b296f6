package com.example.credit.training.data;

import com.example.credit.training.TrainingException;
import com.example.credit.training.TrainingException.Reason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The input channels of a training run: one folder per channel under a root, {@code /opt/ml/input/data} in the
 * container or the ETL's output folder locally (the ETL writes the same layout).
 *
 * @param root the folder that holds one sub-folder per channel
 */
public record ChannelLayout(Path root) {

    public static final String DATA_TRAIN = "data_train";
    public static final String LABEL_TRAIN = "label_train";
    public static final String DATA_TEST = "data_test";
    public static final String LABEL_TEST = "label_test";
    public static final String SCHEMAS = "schemas";

    /** The channels a training run needs, in the order they are checked. */
    public static final List<String> REQUIRED = List.of(SCHEMAS, DATA_TRAIN, LABEL_TRAIN, DATA_TEST, LABEL_TEST);

    public ChannelLayout {
        Objects.requireNonNull(root, "root");
    }

    /**
     * The folder of a channel.
     *
     * @throws TrainingException (reason MISSING_CHANNEL) when it does not exist
     */
    public Path channel(String name) {
        Path folder = root.resolve(name);
        if (!Files.isDirectory(folder)) {
            throw new TrainingException(Reason.MISSING_CHANNEL, "channel " + name + " is missing: no folder " + folder);
        }
        return folder;
    }

    /**
     * The data files of a channel in sorted name order: every regular file except those whose name starts with
     * {@code _} or {@code .} (Spark's {@code _SUCCESS}, checksum files).
     *
     * @throws TrainingException (reason MISSING_CHANNEL) when the channel is missing or holds no data file
     */
    public List<Path> partFiles(String name) {
        Path folder = channel(name);
        try (Stream<Path> entries = Files.list(folder)) {
            List<Path> files = entries.filter(Files::isRegularFile)
                    .filter(file -> {
                        String fileName = file.getFileName().toString();
                        return !fileName.startsWith("_") && !fileName.startsWith(".");
                    })
                    .sorted((a, b) ->
                            a.getFileName().toString().compareTo(b.getFileName().toString()))
                    .toList();
            if (files.isEmpty()) {
                throw new TrainingException(
                        Reason.MISSING_CHANNEL, "channel " + name + " holds no data file in " + folder);
            }
            return files;
        } catch (IOException e) {
            throw new TrainingException(
                    Reason.IO, "cannot list channel " + name + " in " + folder + ": " + e.getMessage(), e);
        }
    }
}
