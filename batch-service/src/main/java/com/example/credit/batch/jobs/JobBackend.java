package com.example.credit.batch.jobs;

import com.example.credit.batch.InvalidJobSpecException;
import java.util.Locale;

/** Where a job runs: on this machine against an explainer, or as a SageMaker Batch Transform job. */
public enum JobBackend {
    LOCAL,
    AWS;

    /** The name in the API, {@code local} or {@code aws}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses {@code local} or {@code aws}.
     *
     * @throws InvalidJobSpecException for anything else
     */
    public static JobBackend parse(String value) {
        for (JobBackend backend : values()) {
            if (backend.wireName().equals(value)) {
                return backend;
            }
        }
        throw new InvalidJobSpecException("backend", value, "must be local or aws");
    }
}
