package com.example.credit.training;

import com.example.credit.core.layout.PreparedLayout.Channel;
import com.example.credit.core.schema.FeatureCatalog;
import com.example.credit.training.TrainingException.Reason;
import com.example.credit.training.data.ChannelLayout;
import com.example.credit.training.data.ChannelSchemas;
import com.example.credit.training.data.LabelledRows;
import com.example.credit.training.data.SplitLoader;
import com.example.credit.training.model.Tuner;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A hyperparameter search on the training channels of a prepared dataset ({@link Tuner}): reads
 * {@code data_train}, {@code label_train} and the schemas, never the test channels, and ranks the candidates by
 * cross-validated AUC. The caller trains the winner with {@link TrainingJob}, which tests it once.
 */
public final class TuningJob {

    private final FeatureCatalog catalog;
    private final Consumer<String> log;

    /** A search over the features of {@code catalog}, reporting each trial to {@code log}. */
    public TuningJob(FeatureCatalog catalog, Consumer<String> log) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.log = Objects.requireNonNull(log, "log");
    }

    /**
     * Scores the candidates.
     *
     * @param channels the prepared dataset
     * @param base the hyperparameters every candidate starts from
     * @param candidates the overrides to score, from {@link Tuner#randomCandidates} or {@link Tuner#grid}
     * @return the trials, best first
     * @throws TrainingException when a channel is missing or invalid, or a candidate is
     */
    public List<Tuner.Trial> run(
            ChannelLayout channels, Map<String, String> base, List<Map<String, String>> candidates) {
        ChannelSchemas schemas = ChannelSchemas.read(channels, catalog);
        SplitLoader loader = new SplitLoader(channels, schemas.catalog());
        LabelledRows train =
                loader.withGroups(loader.load(Channel.DATA_TRAIN, Channel.LABEL_TRAIN), Channel.GROUPS_TRAIN);
        if (train.positives() == 0 || train.positives() == train.rows()) {
            throw new TrainingException(
                    Reason.CHANNEL_DATA, "channel " + Channel.LABEL_TRAIN + " holds one class only: nothing to tune");
        }
        log.accept("tuning on " + train.rows() + " training rows (" + train.positives() + " defaults), "
                + candidates.size() + " candidates; the test channels are not read");
        return Tuner.search(train, schemas.catalog(), base, candidates, log);
    }
}
