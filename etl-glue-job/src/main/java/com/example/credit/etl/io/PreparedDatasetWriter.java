package com.example.credit.etl.io;

import com.example.credit.core.layout.PreparedLayout;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * Publishes the prepared layout ({@link PreparedLayout}) under a root P so that a reader never mistakes a partial run for a
 * complete one.
 *
 * <p>{@link #begin} first removes P/_SUCCESS, so from then on P counts as incomplete. Every output is
 * written by Spark under P/_temporary_etl, then moved into place with its part files renumbered
 * (part-00000.json, ... in row id order) and its own _SUCCESS written after them. P/_SUCCESS is
 * written by {@link #commit}, last. On a local disk the moves are renames; on s3a they are copies, which
 * is why the markers, not the moves, carry the guarantee.
 */
public final class PreparedDatasetWriter {

    /** Marker written last, per output and for the whole root. */
    private static final String SUCCESS = PreparedLayout.SUCCESS;

    /** Where outputs are staged before they are moved into place. */
    public static final String STAGING = "_temporary_etl";

    private final Path root;
    private final Path staging;
    private final HadoopFiles files;

    public PreparedDatasetWriter(SparkSession spark, String root) {
        this.root = new Path(root);
        this.staging = new Path(this.root, STAGING);
        this.files = new HadoopFiles(this.root, spark.sparkContext().hadoopConfiguration());
    }

    /** Marks P incomplete and clears what an earlier, interrupted run may have staged. */
    public void begin() {
        files.delete(new Path(root, SUCCESS));
        files.delete(staging);
    }

    /**
     * Writes rows as JSON Lines to P/{name}/part-NNNNN.json, one file per partition in partition order,
     * then P/{name}/_SUCCESS.
     */
    public void writeJsonLines(String name, Dataset<Row> rows) {
        Path staged = new Path(staging, name);
        rows.write().mode(SaveMode.ErrorIfExists).option("compression", "none").json(staged.toString());
        Path target = new Path(root, name);
        files.delete(target);
        files.mkdirs(target);
        // Spark names parts part-<partition>-<job uuid>-c000.json; sorting by name keeps partition
        // order, and dropping the uuid makes two runs produce the same file names.
        List<Path> parts = files.list(staged, path -> path.getName().startsWith("part-"));
        for (int i = 0; i < parts.size(); i++) {
            files.rename(parts.get(i), new Path(target, String.format("part-%05d.json", i)));
        }
        files.write(new Path(target, SUCCESS), new byte[0]);
        files.delete(staged);
    }

    /** Writes one small file at a path relative to P, staged first so it appears whole. */
    public void writeFile(String relativePath, byte[] bytes) {
        Path staged = new Path(staging, "files/" + relativePath);
        files.write(staged, bytes);
        Path target = new Path(root, relativePath);
        files.delete(target);
        files.mkdirs(target.getParent());
        files.rename(staged, target);
    }

    /** Removes the staging area and writes P/_SUCCESS (the manifest), last. */
    public void commit(byte[] manifest) {
        files.delete(staging);
        files.write(new Path(root, SUCCESS), manifest);
    }
}
