package com.example.credit.etl;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.not;

import com.example.credit.core.layout.PreparedLayout;
import com.example.credit.core.layout.PreparedLayout.Channel;
import com.example.credit.core.schema.FeatureCatalog;
import com.example.credit.etl.io.PreparedDatasetWriter;
import com.example.credit.etl.io.RawDatasetReader;
import com.example.credit.etl.io.RawDatasets;
import com.example.credit.etl.io.RawLayout;
import com.example.credit.etl.transform.ClassQuota;
import com.example.credit.etl.transform.Columns;
import com.example.credit.etl.transform.ContactsTransform;
import com.example.credit.etl.transform.CreditsTransform;
import com.example.credit.etl.transform.InputSummary;
import com.example.credit.etl.transform.PeopleTransform;
import com.example.credit.etl.transform.PreparedRows;
import com.example.credit.etl.transform.RowOrder;
import com.example.credit.etl.transform.SplitCounts;
import com.example.credit.etl.transform.SplitThreshold;
import com.example.credit.etl.transform.StratifiedSplit;
import com.example.credit.etl.transform.Validation;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ETL run: check the raw inputs, assemble and order the prepared rows once, split them, and
 * publish the six outputs, the training rows' split groups (groups_train, metadata for training's folds), the
 * schemas, the rejection report and finally P/_SUCCESS.
 *
 * <p>Each raw file is first read on its own to count, validate and de-duplicate it (failing before any
 * output is written); the joined rows are then range-partitioned by row id and persisted, so the six
 * outputs are cheap projections that keep the row order.
 */
public final class EtlPipeline {

    /** Format of the P/_SUCCESS manifest. */
    public static final int FORMAT_VERSION = 1;

    private static final Logger LOG = LoggerFactory.getLogger(EtlPipeline.class);
    private static final String IS_TEST = "_is_test";
    private static final int MAX_PARTITIONS = 10_000;

    private final SparkSession spark;
    private final FeatureCatalog catalog;

    /** A run with the features of this build's schemas. */
    public EtlPipeline(SparkSession spark) {
        this(spark, FeatureCatalog.standard());
    }

    /** A run with the features of the given catalogue, whose schemas it publishes with the outputs. */
    public EtlPipeline(SparkSession spark, FeatureCatalog catalog) {
        this.spark = spark;
        this.catalog = catalog;
    }

    /** Runs the job; throws {@link EtlException} subclasses for bad options, data or rejections. */
    public EtlResult run(EtlOptions options) {
        RawDatasets raw = new RawDatasetReader(spark).read(options.input());
        PreparedDatasetWriter writer = new PreparedDatasetWriter(spark, options.output());
        writer.begin();

        Dataset<Row> credits = CreditsTransform.prepare(raw.credits());
        Dataset<Row> people = PeopleTransform.flatten(raw.people(), catalog);
        Dataset<Row> contacts = ContactsTransform.mark(raw.contacts());
        InputSummary creditsSummary = check(
                RawLayout.CREDITS_FILE,
                credits,
                Columns.CREDIT_ID,
                Validation.credits(catalog, RawLayout.CREDITS_FILE));
        InputSummary peopleSummary = check(
                RawLayout.PEOPLE_FILE, people, Columns.PERSON_ID, Validation.people(catalog, RawLayout.PEOPLE_FILE));
        InputSummary contactsSummary =
                check(RawLayout.CONTACTS_FILE, contacts, null, Validation.contacts(RawLayout.CONTACTS_FILE));

        int partitions = partitions(creditsSummary.read() - creditsSummary.malformed(), options.rowsPerFile());
        Dataset<Row> assembled =
                PreparedRows.assemble(credits, people, ContactsTransform.telephones(contacts), catalog);
        Dataset<Row> prepared = RowOrder.sortedByRowId(
                        StratifiedSplit.withSplitKeys(assembled, options.seed()), partitions)
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            List<Row> histogram = StratifiedSplit.histogram(prepared).collectAsList();
            RejectionReport report = report(options, histogram, creditsSummary, peopleSummary, contactsSummary);
            writer.writeFile(PreparedLayout.REJECTIONS, report.toJson());
            LOG.info("rejections: {}", report.describe());
            report.firstExcess().ifPresent(input -> {
                throw new RejectionLimitExceededException(input.file() + ": " + input.rejected() + " of "
                        + input.read() + " records rejected " + input.reasons() + ", a fraction of "
                        + input.rejectedFraction() + " above the allowed " + options.maxRejectedFraction()
                        + " (see " + PreparedLayout.REJECTIONS + ")");
            });

            List<ClassQuota> quotas = StratifiedSplit.quotas(histogram, options.testFraction());
            List<SplitThreshold> thresholds = quotas.stream()
                    .filter(quota -> quota.testCount() > 0)
                    .map(quota -> StratifiedSplit.threshold(
                            quota, StratifiedSplit.boundaryRows(prepared, quota).collectAsList()))
                    .toList();
            Dataset<Row> accepted = prepared.withColumn(IS_TEST, StratifiedSplit.isTest(thresholds))
                    .filter(col(Columns.ACCEPTED));
            write(
                    writer,
                    accepted.filter(not(col(IS_TEST))),
                    Channel.DATA_TRAIN,
                    Channel.LABEL_TRAIN,
                    Channel.PROTECTED_TRAIN);
            writer.writeJsonLines(
                    Channel.GROUPS_TRAIN.folder(),
                    accepted.filter(not(col(IS_TEST))).select(PreparedRows.groupColumns()));
            write(writer, accepted.filter(col(IS_TEST)), Channel.DATA_TEST, Channel.LABEL_TEST, Channel.PROTECTED_TEST);
            writer.writeFile(
                    Channel.SCHEMAS.folder() + "/" + FeatureCatalog.DATA_SCHEMA_FILE,
                    catalog.dataSchemaJson().getBytes(StandardCharsets.UTF_8));
            writer.writeFile(
                    Channel.SCHEMAS.folder() + "/" + FeatureCatalog.LABEL_SCHEMA_FILE,
                    catalog.labelSchemaJson().getBytes(StandardCharsets.UTF_8));

            SplitCounts counts = SplitCounts.of(
                    accepted.groupBy(col(IS_TEST), col(Columns.LABEL)).count().collectAsList(),
                    accepted.groupBy(col(IS_TEST))
                            .agg(countDistinct(col(Columns.GROUP)))
                            .collectAsList());
            long trainRows = counts.rows(false);
            long testRows = counts.rows(true);
            writer.commit(manifest(options, counts));
            LOG.info("wrote {} train and {} test rows to {}", trainRows, testRows, options.output());
            return new EtlResult(trainRows, testRows, partitions, report);
        } finally {
            prepared.unpersist();
        }
    }

    private InputSummary check(String file, Dataset<Row> rows, String key, Column violation) {
        InputSummary summary = InputSummary.of(
                file, InputSummary.summarize(rows, key, violation).first());
        summary.violation().ifPresent(message -> {
            throw new ValidationException(message);
        });
        summary.duplicateKey().ifPresent(duplicate -> {
            throw new ValidationException(
                    file + ": " + key + " '" + duplicate + "' occurs more than once; " + key + "s must be unique");
        });
        LOG.info("{}: {} records, {} malformed", file, summary.read(), summary.malformed());
        return summary;
    }

    private static int partitions(long credits, long rowsPerFile) {
        long wanted = (credits + rowsPerFile - 1) / rowsPerFile;
        return (int) Math.max(1, Math.min(MAX_PARTITIONS, wanted));
    }

    private static RejectionReport report(
            EtlOptions options, List<Row> histogram, InputSummary credits, InputSummary people, InputSummary contacts) {
        // Histogram rows are (accepted, label, bucket, count); not accepted means the person was unknown.
        long unknownPerson = histogram.stream()
                .filter(row -> !row.getBoolean(0))
                .mapToLong(row -> row.getLong(3))
                .sum();
        return new RejectionReport(
                options.maxRejectedFraction(),
                List.of(
                        new RejectionReport.Input(
                                credits.file(),
                                credits.read(),
                                Map.of(
                                        RejectionReport.MALFORMED_LINE,
                                        credits.malformed(),
                                        RejectionReport.UNKNOWN_PERSON,
                                        unknownPerson)),
                        new RejectionReport.Input(
                                people.file(),
                                people.read(),
                                Map.of(RejectionReport.MALFORMED_LINE, people.malformed())),
                        new RejectionReport.Input(
                                contacts.file(),
                                contacts.read(),
                                Map.of(RejectionReport.MALFORMED_LINE, contacts.malformed()))));
    }

    private void write(PreparedDatasetWriter writer, Dataset<Row> rows, Channel data, Channel label, Channel protect) {
        writer.writeJsonLines(data.folder(), rows.select(PreparedRows.dataColumns(catalog)));
        writer.writeJsonLines(label.folder(), rows.select(PreparedRows.labelColumns()));
        writer.writeJsonLines(protect.folder(), rows.select(PreparedRows.protectedColumns()));
    }

    private static byte[] manifest(EtlOptions options, SplitCounts counts) {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("format_version", FORMAT_VERSION);
        root.put("seed", options.seed());
        root.put("test_fraction", options.testFraction());
        ObjectNode rows = root.putObject("rows");
        rows.put("train", counts.rows(false));
        rows.put("test", counts.rows(true));
        ObjectNode classes = root.putObject("label_counts");
        for (boolean label : new boolean[] {false, true}) {
            if (counts.rows(label, false) + counts.rows(label, true) > 0) {
                ObjectNode node = classes.putObject(Boolean.toString(label));
                node.put("train", counts.rows(label, false));
                node.put("test", counts.rows(label, true));
            }
        }
        // The split keeps every group (the near-duplicates of one Statlog row, or a single row) on one side.
        ObjectNode groups = root.putObject("split_groups");
        groups.put("train", counts.groups(false));
        groups.put("test", counts.groups(true));
        try {
            return mapper.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
