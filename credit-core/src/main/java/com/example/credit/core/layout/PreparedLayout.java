package com.example.credit.core.layout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The prepared dataset: what the ETL writes under a root P and what training (as SageMaker channels of the same
 * names), batch transform, the pipeline and the benchmarks read. One folder per {@link Channel}, each holding
 * JSON Lines part files ({@code part-00000.json}, ... in row id order) and its own {@code _SUCCESS}; the JSON
 * Schemas in {@code schemas/}; the rejection report {@code _rejections.json}; and {@code P/_SUCCESS}, the manifest,
 * written last. Files whose name starts with {@code _} or {@code .} are markers, reports or checksums, never data.
 *
 * @param root the prepared dataset's root folder P
 */
public record PreparedLayout(Path root) {

    /** Marker written last, per channel folder and for the whole root (whose marker is the run manifest). */
    public static final String SUCCESS = "_SUCCESS";

    /** The ETL's report of rejected records, at the root. */
    public static final String REJECTIONS = "_rejections.json";

    /** The folders of the prepared dataset; the training channels have the same names. */
    public enum Channel {
        SCHEMAS("schemas"),
        DATA_TRAIN("data_train"),
        LABEL_TRAIN("label_train"),
        PROTECTED_TRAIN("protected_train"),
        DATA_TEST("data_test"),
        LABEL_TEST("label_test"),
        PROTECTED_TEST("protected_test"),
        /**
         * Metadata, never a feature: each training row's split group ({@code row_id}, {@code group}), so that
         * training's cross-validation keeps near-duplicates in one fold. Optional for training.
         */
        GROUPS_TRAIN("groups_train");

        private final String folder;

        Channel(String folder) {
            this.folder = folder;
        }

        /** The folder name, which is also the SageMaker channel name, for example {@code data_train}. */
        public String folder() {
            return folder;
        }

        @Override
        public String toString() {
            return folder;
        }
    }

    /** The channels a training run needs, in the order they are checked (the protected ones are never features). */
    public static final List<Channel> TRAINING_CHANNELS =
            List.of(Channel.SCHEMAS, Channel.DATA_TRAIN, Channel.LABEL_TRAIN, Channel.DATA_TEST, Channel.LABEL_TEST);

    /**
     * Channels a training run reads when they are there (older prepared data has none): the split groups, and the
     * protected attributes of the training rows for the pre-training bias report (never features).
     */
    public static final List<Channel> OPTIONAL_TRAINING_CHANNELS =
            List.of(Channel.GROUPS_TRAIN, Channel.PROTECTED_TRAIN);

    public PreparedLayout {
        Objects.requireNonNull(root, "root");
    }

    /** The folder of a channel under the root. */
    public Path folder(Channel channel) {
        return root.resolve(channel.folder());
    }

    /** The root's {@code _SUCCESS} manifest, present only once the whole dataset is written. */
    public Path success() {
        return root.resolve(SUCCESS);
    }

    /** The data files of a channel, as {@link #dataFiles(Path)} lists them. */
    public List<Path> dataFiles(Channel channel) throws IOException {
        return dataFiles(folder(channel));
    }

    /** Whether a file name is data: not a marker, report or checksum (no leading {@code _} or {@code .}). */
    public static boolean isDataFile(String fileName) {
        return !fileName.startsWith("_") && !fileName.startsWith(".");
    }

    /**
     * The data files directly in a folder, sorted by name (which is row id order for the ETL's part files).
     *
     * @throws IOException when the folder cannot be listed (for example, it does not exist)
     */
    public static List<Path> dataFiles(Path folder) throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(Files::isRegularFile)
                    .filter(file -> isDataFile(file.getFileName().toString()))
                    .sorted(Comparator.comparing(file -> file.getFileName().toString()))
                    .toList();
        }
    }
}
