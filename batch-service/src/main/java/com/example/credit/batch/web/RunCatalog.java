package com.example.credit.batch.web;

import com.example.credit.batch.report.LabelReader;
import com.example.credit.batch.runs.BiasSettings;
import com.example.credit.batch.runs.ProtectedGroups;
import com.example.credit.batch.runs.RunIndex;
import com.example.credit.batch.runs.RunIndexException;
import com.example.credit.batch.runs.RunModel;
import com.example.credit.batch.runs.StoredRuns;
import com.example.credit.batch.storage.Location;
import com.example.credit.batch.storage.RoutingStorage;
import com.example.credit.batch.storage.RunStorage;
import com.example.credit.batch.storage.StorageException;
import com.example.credit.core.manifest.ReferenceSet;
import com.example.credit.core.schema.FeatureCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The runs the dashboard shows, each opened once through its index; a run without an index is indexed on first
 * use (the one-off step, with its labels and protected attributes when configured, and then the run's fairness with
 * {@code dashboard.bias}'s settings), and so is a run configured with protected attributes whose index has none, or
 * with labels too whose index has no fairness analysis of these settings (an older format, other facets), and a run
 * served with its model folder whose index lacks the global explanations of that model. Runs may be on the file system or on S3 ({@link StoredRuns}: an S3 run's
 * index is mapped from the local cache, and at most every {@code dashboard.cache-check-interval} a request asks S3
 * whether its {@code index.json} changed). Every location is checked at start, so a missing folder, bucket or prefix
 * fails the start with a message naming it. Logs run ids and counts only, never applicant values.
 */
@Component
public class RunCatalog {

    private static final Logger LOG = LoggerFactory.getLogger(RunCatalog.class);

    /** Why a catalogue made without the service's storage cannot read {@code s3://} locations. */
    static final String NO_S3 = "this service has no S3 client: start the dashboard with"
            + " spring.cloud.aws.s3.enabled=true and an AWS region (batch serve does so for s3:// runs)";

    private final Map<String, DashboardProperties.Run> runs = new LinkedHashMap<>();
    private final Map<String, OpenRun> open = new ConcurrentHashMap<>();
    private final FeatureCatalog catalog = FeatureCatalog.standard();
    private final double declineThreshold;
    private final BiasSettings bias;
    private final StoredRuns stored;
    private final long checkIntervalNanos;

    /** A catalogue of runs on the file system. */
    public RunCatalog(DashboardProperties properties) {
        this(properties, RoutingStorage.localOnly(NO_S3));
    }

    /** A catalogue of runs wherever the storage reaches (the service's: the file system, and S3 when enabled). */
    @Autowired
    public RunCatalog(DashboardProperties properties, RunStorage storage) {
        this.stored = new StoredRuns(storage, properties.cacheDir(), catalog);
        // A run whose folders are missing fails the start, not its first request.
        for (DashboardProperties.Run run : properties.runs()) {
            try {
                if (!storage.isFolder(run.output())) {
                    throw new IllegalArgumentException("dashboard run '" + run.id() + "': output " + run.output()
                            + " is not a folder" + why(storage, run.output()));
                }
                if (run.labels() != null && !storage.isFile(run.labels()) && !storage.isFolder(run.labels())) {
                    throw new IllegalArgumentException("dashboard run '" + run.id() + "': labels " + run.labels()
                            + " do not exist" + why(storage, run.labels()));
                }
                // A local model folder is read per report (a missing one says so in the report); one on S3 is
                // checked here like the other locations.
                if (run.model() instanceof Location.S3 model && !storage.isFolder(model)) {
                    throw new IllegalArgumentException("dashboard run '" + run.id() + "': model " + model
                            + " is not a folder" + why(storage, model));
                }
                if (run.protectedAttributes() != null
                        && !storage.isFile(run.protectedAttributes())
                        && !storage.isFolder(run.protectedAttributes())) {
                    throw new IllegalArgumentException("dashboard run '" + run.id() + "': protected attributes "
                            + run.protectedAttributes() + " do not exist" + why(storage, run.protectedAttributes()));
                }
            } catch (StorageException e) {
                throw new IllegalArgumentException("dashboard run '" + run.id() + "': " + e.getMessage(), e);
            }
            runs.put(run.id(), run);
        }
        this.declineThreshold = properties.declineThreshold();
        // The properties checked the settings at binding, with the decline threshold when a run needs them.
        this.bias = runs.values().stream().anyMatch(run -> run.protectedAttributes() != null)
                ? properties.biasSettings()
                : BiasSettings.DEFAULT;
        this.checkIntervalNanos = properties.cacheCheckInterval().toNanos();
    }

    private static String why(RunStorage storage, Location location) {
        return storage.whyMissing(location).map(why -> ": " + why).orElse("");
    }

    /** The probability from which applicant reports say "declined". */
    public double declineThreshold() {
        return declineThreshold;
    }

    /**
     * The run's model version: {@code sha256:} and the hex digest of its {@code model.json}, or why it is not known.
     *
     * @throws UnknownRunException when no run has the id
     */
    public String modelVersion(String id) {
        DashboardProperties.Run run = runs.get(id);
        if (run == null) {
            throw new UnknownRunException("no run '" + id + "'; the runs are " + runs.keySet());
        }
        if (run.model() == null) {
            return "not recorded: the run is served without its model folder";
        }
        Location manifest = run.model().resolve("model.json");
        try {
            byte[] bytes;
            if (manifest instanceof Location.Local local) {
                bytes = Files.readAllBytes(local.path());
            } else {
                try (InputStream in = stored.storage().open(manifest)) {
                    bytes = in.readAllBytes();
                }
            }
            return "sha256:" + ReferenceSet.sha256(bytes) + " (model.json)";
        } catch (IOException | StorageException e) {
            return "not readable: " + manifest + " (" + e.getMessage() + ")";
        }
    }

    /** The configured runs, in configuration order. */
    public List<DashboardProperties.Run> runs() {
        return List.copyOf(runs.values());
    }

    /** Whether the run has an index yet. */
    public boolean indexed(DashboardProperties.Run run) {
        return stored.indexed(run.output());
    }

    /** The feature catalogue the runs are read with. */
    public FeatureCatalog catalog() {
        return catalog;
    }

    /**
     * A run, opened through its index.
     *
     * @throws UnknownRunException when no run has the id
     */
    public RunIndex run(String id) {
        DashboardProperties.Run run = runs.get(id);
        if (run == null) {
            throw new UnknownRunException("no run '" + id + "'; the runs are " + runs.keySet());
        }
        return open.compute(id, (key, current) -> current == null ? open(run) : refreshed(run, current))
                .index();
    }

    /** An open S3 run whose check is due: the same one if S3 still holds its index.json, else the new index. */
    private OpenRun refreshed(DashboardProperties.Run run, OpenRun current) {
        long now = System.nanoTime();
        if (current.version().isEmpty() || now - current.checked() < checkIntervalNanos) {
            return current;
        }
        Optional<String> version;
        try {
            version = stored.indexVersion(run.output());
        } catch (StorageException e) {
            // The cached index still answers; S3 is asked again at the next check.
            LOG.warn("run {}: cannot check its index on S3, serving the cached one: {}", run.id(), e.getMessage());
            return new OpenRun(current.index(), current.version(), now);
        }
        if (version.equals(current.version())) {
            return new OpenRun(current.index(), current.version(), now);
        }
        LOG.info("run {}: its index on S3 changed; opening the new one", run.id());
        return open(run);
    }

    private OpenRun open(DashboardProperties.Run run) {
        RunModel model = model(run);
        if (!stored.indexed(run.output())
                || staleForProtectedAttributes(run)
                || (model != null && !stored.open(run.output()).hasGlobalExplanationsOf(model))) {
            index(run, model);
        }
        // Local runs are mapped in place and never checked again; S3 runs remember the index.json they opened,
        // read before opening, so that a change in between is found at the next check.
        boolean s3 = run.output() instanceof Location.S3;
        Optional<String> version = s3 ? stored.indexVersion(run.output()) : Optional.empty();
        RunIndex index = stored.open(run.output());
        if (s3) {
            LOG.info("opened run {}: {} applicants, index cached locally", run.id(), index.rows());
        }
        return new OpenRun(index, version, System.nanoTime());
    }

    /**
     * Whether a run configured with protected attributes has an index made without them (before they were given), or,
     * with labels too, without the fairness analysis of this build and these settings: it is indexed again.
     */
    private boolean staleForProtectedAttributes(DashboardProperties.Run run) {
        if (run.protectedAttributes() == null) {
            return false;
        }
        RunIndex index = stored.open(run.output());
        return !index.hasProtectedGroups() || (run.labels() != null && !index.fairnessAnalysedWith(bias));
    }

    /**
     * The run's model for its global explanations, or null when it is served without its model folder or the folder
     * holds no readable model (logged: the dashboard shows the run without them and says why).
     */
    private RunModel model(DashboardProperties.Run run) {
        if (run.model() == null) {
            return null;
        }
        try {
            return RunModel.read(stored.storage(), run.model());
        } catch (RunIndexException e) {
            LOG.warn("run {}: no global explanations: {}", run.id(), e.getMessage());
            return null;
        }
    }

    private void index(DashboardProperties.Run run, RunModel model) {
        Map<String, Boolean> labels =
                run.labels() == null ? Map.of() : LabelReader.read(stored.storage(), run.labels(), JsonMapper.shared());
        ProtectedGroups groups = run.protectedAttributes() == null
                ? null
                : ProtectedGroups.read(stored.storage(), run.protectedAttributes());
        long start = System.nanoTime();
        long rows = stored.index(run.output(), labels, groups, bias, model);
        // Counts only: never a group or an applicant's value.
        LOG.info(
                "indexed run {}: {} applicants in {} ms{}",
                run.id(),
                rows,
                (System.nanoTime() - start) / 1_000_000,
                groups == null
                        ? ""
                        : labels.isEmpty()
                                ? ", with protected groups (for the filter)"
                                : ", with protected groups (for the filter) and the fairness aggregates");
    }

    /**
     * A run as opened.
     *
     * @param version the version of the S3 index.json it was opened from; empty for a local run
     * @param checked when S3 was last asked about it ({@link System#nanoTime()})
     */
    private record OpenRun(RunIndex index, Optional<String> version, long checked) {}
}
