package com.example.credit.batch.web;

import com.example.credit.batch.InvalidBiasSettingsException;
import com.example.credit.batch.runs.BiasSettings;
import com.example.credit.batch.runs.StoredRuns;
import com.example.credit.batch.storage.Location;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;

/**
 * The dashboard's configuration ({@code dashboard.*}).
 *
 * @param runs the runs it shows: an id, the batch output folder and, optionally, the labels folder (the ETL's
 *     {@code label_test}), the model folder and the protected attributes folder (the ETL's {@code protected_test}),
 *     each a path or an {@code s3://bucket/prefix}; indexed on first use when they have no index yet
 * @param declineThreshold the probability of default from which an applicant's report says "declined" (a display
 *     convention of the dashboard; the model only estimates the probability), default 0.5
 * @param cacheDir the local folder that holds the indexes of runs on S3 (their column files are memory-mapped from
 *     it), default {@code credit-dashboard-cache} in {@code java.io.tmpdir}
 * @param cacheCheckInterval how often a request may ask S3 whether an S3 run's {@code index.json} changed (one HEAD
 *     request; a changed one is downloaded again), default one minute; zero checks at every request
 * @param bias the fairness analysis of runs served with labels and protected attributes ({@code dashboard.bias.*});
 *     its approval threshold is the decline threshold (approved below it)
 */
@ConfigurationProperties("dashboard")
public record DashboardProperties(
        List<Run> runs, Double declineThreshold, Path cacheDir, Duration cacheCheckInterval, Bias bias) {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    @ConstructorBinding
    public DashboardProperties {
        runs = runs == null ? List.of() : List.copyOf(runs);
        declineThreshold = declineThreshold == null ? 0.5 : declineThreshold;
        if (!(declineThreshold > 0 && declineThreshold <= 1)) {
            throw new IllegalArgumentException(
                    "dashboard.decline-threshold " + declineThreshold + " must be a probability in (0, 1]");
        }
        cacheDir = cacheDir == null ? StoredRuns.defaultCacheDir() : cacheDir;
        cacheCheckInterval = cacheCheckInterval == null ? Duration.ofMinutes(1) : cacheCheckInterval;
        if (cacheCheckInterval.isNegative()) {
            throw new IllegalArgumentException(
                    "dashboard.cache-check-interval " + cacheCheckInterval + " must be zero or more");
        }
        Set<String> ids = new HashSet<>();
        for (Run run : runs) {
            if (!ids.add(run.id())) {
                throw new IllegalArgumentException("dashboard.runs: id '" + run.id() + "' is given twice");
            }
        }
        bias = bias == null ? new Bias(null, null) : bias;
        // Checked at start: with the decline threshold when a run has protected attributes (then it is the bias
        // metrics' approval threshold, which must be below 1), else for the facets and group variable alone.
        boolean analysed = runs.stream().anyMatch(run -> run.protectedAttributes() != null);
        try {
            BiasSettings.parse(
                    bias.facets(), bias.groupVariable(), analysed ? declineThreshold : BiasSettings.DEFAULT_THRESHOLD);
        } catch (InvalidBiasSettingsException e) {
            throw new IllegalArgumentException(
                    "dashboard.bias (approval threshold: dashboard.decline-threshold " + declineThreshold + "): "
                            + e.getMessage(),
                    e);
        }
    }

    /** Runs with the default fairness settings. */
    public DashboardProperties(List<Run> runs, Double declineThreshold, Path cacheDir, Duration cacheCheckInterval) {
        this(runs, declineThreshold, cacheDir, cacheCheckInterval, null);
    }

    /** Runs on the file system, with the default cache settings. */
    public DashboardProperties(List<Run> runs, Double declineThreshold) {
        this(runs, declineThreshold, null, null, null);
    }

    /**
     * The fairness analysis's settings: the facets and group variable of {@code dashboard.bias}, approved below the
     * decline threshold.
     *
     * @throws InvalidBiasSettingsException when the decline threshold is 1 (no applicant could be rejected)
     */
    public BiasSettings biasSettings() {
        return BiasSettings.parse(bias.facets(), bias.groupVariable(), declineThreshold);
    }

    /**
     * The fairness analysis of runs served with labels and protected attributes, done when the run is indexed.
     *
     * @param facets the facets, each compared with everyone else, in credit-core's {@code Facets} syntax
     *     ({@code personal__gender=female,personal__age<25,25<=personal__age<35,...}), on the protected attributes
     *     {@code personal__age} (intervals), {@code personal__gender} and {@code personal__relationship_status}
     *     (their groups); default {@code Facets.DEFAULT}
     * @param groupVariable the input field the conditional metrics (CDDL, CDDPL) hold fixed, or {@code none};
     *     default {@code credit__purpose}
     */
    public record Bias(String facets, String groupVariable) {}

    /**
     * One run.
     *
     * @param id the run's id in the API's paths: letters, digits, '.', '_' and '-', at most 64
     * @param output the batch output folder
     * @param labels the labels folder, or null
     * @param model the model folder ({@code model.json} gives the version in applicant reports), or null
     * @param protectedAttributes the protected attributes folder, joined into the index for the protected-group
     *     filter (never shown), or null
     */
    public record Run(String id, Location output, Location labels, Location model, Location protectedAttributes) {

        @ConstructorBinding
        public Run {
            Objects.requireNonNull(output, "dashboard.runs[].output");
            if (id == null || !ID.matcher(id).matches()) {
                throw new IllegalArgumentException("dashboard.runs[].id '" + id + "' must be 1 to 64 letters, digits,"
                        + " '.', '_' or '-', starting with a letter or digit");
            }
        }

        /** A run without protected attributes. */
        public Run(String id, Location output, Location labels, Location model) {
            this(id, output, labels, model, null);
        }

        /** A run on the file system. */
        public Run(String id, Path output, Path labels, Path model, Path protectedAttributes) {
            this(id, location(output), location(labels), location(model), location(protectedAttributes));
        }

        /** A run on the file system without protected attributes. */
        public Run(String id, Path output, Path labels, Path model) {
            this(id, output, labels, model, null);
        }

        private static Location location(Path path) {
            return path == null ? null : Location.of(path);
        }
    }
}
