package com.example.credit.training;

import com.example.credit.core.bias.BiasAnalysis;
import com.example.credit.core.bias.BiasException;
import com.example.credit.core.bias.BiasReport;
import com.example.credit.core.bias.BiasReportJson;
import com.example.credit.core.bias.Facet;
import com.example.credit.core.bias.Facets;
import com.example.credit.core.bias.Row;
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
import java.util.Optional;
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
    private final java.util.function.UnaryOperator<String> environment;

    /** A job training on the features of {@code catalog} (normally {@link FeatureCatalog#standard()}). */
    /** The pre-training bias report beside the model, when the protected channel is given. */
    public static final String BIAS_PRE_FILE = "bias-pre.json";

    /** The environment variable with the bias report's facets ({@link Facets#parse}). */
    public static final String FACETS_VARIABLE = "BIAS_FACETS";

    /** The environment variable with the group variable of CDDL ({@code none} for none). */
    public static final String GROUP_VARIABLE_VARIABLE = "BIAS_GROUP_VARIABLE";

    public TrainingJob(FeatureCatalog catalog, Consumer<String> log) {
        this(catalog, log, System::getenv);
    }

    /** With the environment given, so that tests set the bias report's facets. */
    public TrainingJob(
            FeatureCatalog catalog, Consumer<String> log, java.util.function.UnaryOperator<String> environment) {
        this.environment = environment;
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
        preTrainingBias(loader, train).ifPresent(report -> files.put(BIAS_PRE_FILE, report));
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

    /**
     * The pre-training bias report of the training labels ({@code bias-pre.json}) when the protected channel is
     * given: SageMaker Clarify's pre-training metrics for each facet ({@value #FACETS_VARIABLE}, default
     * {@link Facets#DEFAULT}), CDDL conditioned on {@value #GROUP_VARIABLE_VARIABLE} (default
     * {@value Facets#DEFAULT_GROUP_VARIABLE}; {@code none} for no conditioning). The protected attributes are read
     * for these aggregates only: they are not features and are not written into the model.
     */
    private Optional<byte[]> preTrainingBias(SplitLoader loader, LabelledRows train) {
        Optional<Map<String, Map<String, String>>> protectedValues =
                loader.protectedValues(train, Channel.PROTECTED_TRAIN);
        if (protectedValues.isEmpty()) {
            log.accept("no " + Channel.PROTECTED_TRAIN + " channel: no pre-training bias report");
            return Optional.empty();
        }
        try {
            List<Facet> facets = Facets.parse(
                    environment.apply(FACETS_VARIABLE) == null ? Facets.DEFAULT : environment.apply(FACETS_VARIABLE));
            Optional<String> groupVariable = Facets.groupVariable(
                    environment.apply(GROUP_VARIABLE_VARIABLE) == null
                            ? Facets.DEFAULT_GROUP_VARIABLE
                            : environment.apply(GROUP_VARIABLE_VARIABLE));
            Map<String, String> groups = groupVariable
                    .map(name -> loader.field(Channel.DATA_TRAIN, name))
                    .orElse(Map.of());
            List<Row> rows = new ArrayList<>();
            boolean[] labels = train.labels();
            for (int i = 0; i < train.rows(); i++) {
                String id = train.rowIds().get(i);
                Map<String, String> values = protectedValues.get().get(id);
                rows.add(
                        groupVariable.isPresent()
                                ? Row.labelled(labels[i], values, groups.get(id))
                                : Row.labelled(labels[i], values));
            }
            BiasReport report = BiasAnalysis.preTraining(rows, facets, groupVariable);
            log.accept("pre-training bias of " + rows.size() + " training rows for " + facets.size() + " facet(s)"
                    + " written to " + BIAS_PRE_FILE);
            return Optional.of(BiasReportJson.write(report).getBytes(StandardCharsets.UTF_8));
        } catch (BiasException e) {
            throw new TrainingException(Reason.CHANNEL_DATA, "pre-training bias report: " + e.getMessage());
        }
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
