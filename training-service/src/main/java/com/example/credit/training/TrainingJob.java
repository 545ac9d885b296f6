package com.example.credit.training;

import com.example.credit.core.layout.PreparedLayout;
import com.example.credit.core.layout.PreparedLayout.Channel;
import com.example.credit.core.manifest.ModelManifest;
import com.example.credit.core.manifest.ModelManifestJson;
import com.example.credit.core.manifest.TrainingData;
import com.example.credit.core.schema.FeatureCatalog;
import com.example.credit.training.TrainingException.Reason;
import com.example.credit.training.artifacts.ArtifactPublisher;
import com.example.credit.training.data.ChannelDigest;
import com.example.credit.training.data.ChannelLayout;
import com.example.credit.training.data.ChannelSchemas;
import com.example.credit.training.data.LabelledRows;
import com.example.credit.training.data.SplitLoader;
import com.example.credit.training.model.ModelTrainer;
import com.example.credit.training.reference.ReferenceFile;
import com.example.credit.training.reference.ReferenceSampler;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * A whole training run, independent of how it was started: check the schemas, load and join the splits, train
 * and measure, draw the reference populations from the training rows, then publish model.txt, the two schemas, the
 * reference files ({@code background.jsonl}, {@code approved.jsonl}) and model.json into the model folder.
 */
public final class TrainingJob {

    /** The name of the LightGBM text model in the model folder. */
    public static final String MODEL_FILE = "model.txt";

    /** The name of the manifest in the model folder. */
    public static final String MANIFEST_FILE = "model.json";

    /** The LightGBM release inside LightGBM4j 4.3.0-1. */
    public static final String LIGHTGBM_VERSION = "4.3.0";

    private final FeatureCatalog catalog;
    private final Consumer<String> log;

    /** A job training on the features of {@code catalog} (normally {@link FeatureCatalog#standard()}). */
    public TrainingJob(FeatureCatalog catalog, Consumer<String> log) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.log = Objects.requireNonNull(log, "log");
    }

    /**
     * Runs the training.
     *
     * @return the manifest written beside the model
     * @throws TrainingException (its reason the kind of failure) when the run cannot complete; the model folder is
     *     then left as it was
     */
    public ModelManifest run(TrainingRequest request) {
        ChannelLayout channels = request.channels();
        // Every channel is checked up front so that a missing one fails in a second, not after loading.
        ChannelSchemas schemas = ChannelSchemas.read(channels, catalog);
        PreparedLayout.TRAINING_CHANNELS.forEach(channels::channel);
        SplitLoader loader = new SplitLoader(channels, schemas.catalog());
        LabelledRows train =
                loader.withGroups(loader.load(Channel.DATA_TRAIN, Channel.LABEL_TRAIN), Channel.GROUPS_TRAIN);
        LabelledRows test = loader.load(Channel.DATA_TEST, Channel.LABEL_TEST);
        requireDisjoint(train, test);
        requireBothClasses(train, Channel.LABEL_TRAIN);
        requireBothClasses(test, Channel.LABEL_TEST);
        log.accept("training on " + train.rows() + " rows (" + train.positives() + " defaults), testing on "
                + test.rows() + " rows (" + test.positives() + " defaults)");
        if (train.groupCount() < train.rows()) {
            log.accept("cross-validation keeps " + train.groupCount() + " split groups of near-duplicates whole ("
                    + Channel.GROUPS_TRAIN + ")");
        }

        ModelTrainer.Outcome outcome =
                new ModelTrainer(request.hyperparameters(), schemas.catalog(), log).train(train, test);

        List<Path> trainingFiles = new ArrayList<>(channels.partFiles(Channel.DATA_TRAIN));
        trainingFiles.addAll(channels.partFiles(Channel.LABEL_TRAIN));
        // The split groups decide the folds, hence the rounds, hence the model: they are training data too.
        if (Files.isDirectory(channels.root().resolve(Channel.GROUPS_TRAIN.folder()))) {
            trainingFiles.addAll(channels.partFiles(Channel.GROUPS_TRAIN));
        }
        List<ReferenceFile> references = ReferenceSampler.sample(
                train,
                request.hyperparameters().backgroundRows(),
                request.hyperparameters().referenceSets(),
                request.hyperparameters().seed(),
                ModelManifest.featuresOf(schemas.catalog()));
        ModelManifest manifest = new ModelManifest(
                ModelManifest.formatVersionFor(outcome.calibration()),
                MODEL_FILE,
                "binary",
                ModelManifest.featuresOf(schemas.catalog()),
                FeatureCatalog.LABEL,
                request.hyperparameters().asMap(),
                metrics(outcome),
                new TrainingData(train.rows(), test.rows(), ChannelDigest.sha256(trainingFiles)),
                LIGHTGBM_VERSION,
                outcome.reliability(),
                outcome.calibration(),
                references.stream().map(ReferenceFile::set).toList());

        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(MODEL_FILE, outcome.modelText().getBytes(StandardCharsets.UTF_8));
        files.put(FeatureCatalog.DATA_SCHEMA_FILE, schemas.dataSchema());
        files.put(FeatureCatalog.LABEL_SCHEMA_FILE, schemas.labelSchema());
        references.forEach(reference -> files.put(reference.set().file(), reference.content()));
        files.put(MANIFEST_FILE, ModelManifestJson.write(manifest).getBytes(StandardCharsets.UTF_8));
        log.accept("reference populations: "
                + references.stream()
                        .map(reference ->
                                reference.set().name() + " (" + reference.set().rows() + " rows, "
                                        + reference.set().file() + ")")
                        .collect(Collectors.joining(", ")));
        ArtifactPublisher.publish(request.modelDir(), files);
        log.accept("model written to " + request.modelDir());
        return manifest;
    }

    private static void requireDisjoint(LabelledRows train, LabelledRows test) {
        TreeSet<String> shared = new TreeSet<>(train.rowIds());
        shared.retainAll(new HashSet<>(test.rowIds()));
        if (!shared.isEmpty()) {
            throw new TrainingException(
                    Reason.CHANNEL_DATA,
                    shared.size() + " row id(s) appear in both " + Channel.DATA_TRAIN
                            + " and " + Channel.DATA_TEST + " (for example row_id " + shared.first()
                            + "); the test set must be held out");
        }
    }

    private static void requireBothClasses(LabelledRows rows, Channel channel) {
        int positives = rows.positives();
        if (positives == 0 || positives == rows.rows()) {
            throw new TrainingException(
                    Reason.CHANNEL_DATA,
                    "channel " + channel + " holds only " + (positives == 0 ? "false" : "true") + " labels ("
                            + rows.rows() + " rows); the AUC needs both defaulted and repaid credits");
        }
    }

    private static Map<String, Double> metrics(ModelTrainer.Outcome outcome) {
        Map<String, Double> metrics = new LinkedHashMap<>(outcome.metrics().asMap());
        metrics.putAll(outcome.extraMetrics());
        return metrics;
    }
}
