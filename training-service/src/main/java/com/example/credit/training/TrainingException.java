package com.example.credit.training;

import java.util.Objects;

/**
 * Why a training run failed: the module's one exception, with a {@link Reason} for callers and tests that need
 * the kind of failure. Every message names the value and the rule it broke, so that the first line of
 * {@code /opt/ml/output/failure} tells the operator what to fix. The only subclass is the command line's
 * {@link com.example.credit.training.cli.UsageException}, which {@code TrainCommand} catches apart (exit code 2).
 */
public class TrainingException extends RuntimeException {

    /** The kind of failure. */
    public enum Reason {
        /** The command line cannot be understood. */
        USAGE,
        /** A SageMaker configuration file ({@code input/config/*.json}) is malformed or asks for the unsupported. */
        CONFIGURATION,
        /** A hyperparameter is unknown, of the wrong type, outside its allowed values or unfit for the data. */
        HYPERPARAMETER,
        /** An input channel, or a file the channel must hold, is absent. */
        MISSING_CHANNEL,
        /** The schemas channel describes other features than the ones this build trains on. */
        SCHEMA_MISMATCH,
        /**
         * A channel holds data that cannot be trained on: malformed JSON, a schema violation, a missing, repeated or
         * unjoinable row id, a split with one class only.
         */
        CHANNEL_DATA,
        /** LightGBM refused the data or the parameters, or failed while boosting. */
        LIGHTGBM,
        /** A file could not be read, listed or written. */
        IO
    }

    private final Reason reason;

    public TrainingException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public TrainingException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** The kind of failure. */
    public Reason reason() {
        return reason;
    }
}
