package com.example.credit.batch.web;

import com.example.credit.batch.report.LabelReader;
import com.example.credit.batch.runs.ProtectedGroups;
import com.example.credit.batch.runs.RunIndex;
import com.example.credit.batch.runs.RunIndexWriter;
import com.example.credit.core.schema.FeatureCatalog;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The runs the dashboard shows, each opened once through its index; a run without an index is indexed on first
 * use (the one-off step, with its labels and protected attributes when configured), and so is a run configured with
 * protected attributes whose index has none. Logs run ids and counts only, never applicant values.
 */
@Component
public class RunCatalog {

    private static final Logger LOG = LoggerFactory.getLogger(RunCatalog.class);

    private final Map<String, DashboardProperties.Run> runs = new LinkedHashMap<>();
    private final Map<String, RunIndex> open = new ConcurrentHashMap<>();
    private final FeatureCatalog catalog = FeatureCatalog.standard();
    private final double declineThreshold;

    public RunCatalog(DashboardProperties properties) {
        // A run whose folders are missing fails the start, not its first request.
        for (DashboardProperties.Run run : properties.runs()) {
            if (!java.nio.file.Files.isDirectory(run.output())) {
                throw new IllegalArgumentException(
                        "dashboard run '" + run.id() + "': output " + run.output() + " is not a folder");
            }
            if (run.labels() != null && !java.nio.file.Files.exists(run.labels())) {
                throw new IllegalArgumentException(
                        "dashboard run '" + run.id() + "': labels " + run.labels() + " do not exist");
            }
            if (run.protectedAttributes() != null && !java.nio.file.Files.exists(run.protectedAttributes())) {
                throw new IllegalArgumentException("dashboard run '" + run.id() + "': protected attributes "
                        + run.protectedAttributes() + " do not exist");
            }
            runs.put(run.id(), run);
        }
        this.declineThreshold = properties.declineThreshold();
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
        java.nio.file.Path manifest = run.model().resolve("model.json");
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(java.nio.file.Files.readAllBytes(manifest));
            return "sha256:" + java.util.HexFormat.of().formatHex(digest) + " (model.json)";
        } catch (java.io.IOException e) {
            return "not readable: " + manifest + " (" + e.getMessage() + ")";
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JRE has no SHA-256", e);
        }
    }

    /** The configured runs, in configuration order. */
    public List<DashboardProperties.Run> runs() {
        return List.copyOf(runs.values());
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
        return open.computeIfAbsent(id, key -> {
            if (!RunIndex.exists(run.output())
                    || (run.protectedAttributes() != null
                            && !RunIndex.open(run.output(), catalog).hasProtectedGroups())) {
                index(run);
            }
            return RunIndex.open(run.output(), catalog);
        });
    }

    private void index(DashboardProperties.Run run) {
        Map<String, Boolean> labels =
                run.labels() == null ? Map.of() : LabelReader.read(run.labels(), JsonMapper.shared());
        ProtectedGroups groups =
                run.protectedAttributes() == null ? null : ProtectedGroups.read(run.protectedAttributes());
        long start = System.nanoTime();
        long rows = new RunIndexWriter(catalog).write(run.output(), labels, groups);
        LOG.info(
                "indexed run {}: {} applicants in {} ms{}",
                run.id(),
                rows,
                (System.nanoTime() - start) / 1_000_000,
                groups == null ? "" : ", with protected groups (filter only)");
    }
}
