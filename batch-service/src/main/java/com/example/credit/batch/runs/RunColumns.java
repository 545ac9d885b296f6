package com.example.credit.batch.runs;

/**
 * The index's files in {@code <output>/.dashboard/}: the summary ({@code index.json}) and one file per column, each a
 * flat array of big-endian values in row order (the order of the batch output's lines), so that a query maps them
 * and scans only the columns it needs.
 */
final class RunColumns {

    /** The index folder, beside the {@code .out} files; its leading dot keeps it out of every reader of outputs. */
    static final String FOLDER = ".dashboard";

    static final String SUMMARY = "index.json";
    /** float64 per row: the probability of default. */
    static final String SCORES = "scores.f64";
    /** int8 per row: 1 default, 0 no default, -1 no label. */
    static final String LABELS = "labels.i8";
    /** int64 per row: bit i set when feature i is one of the row's reasons (at most 64 features). */
    static final String REASONS = "reasons.i64";
    /** int32 per row: the output file (index into the summary's file list). */
    static final String FILES = "files.i32";
    /** int64 per row: the byte offset of the row's line in its file. */
    static final String OFFSETS = "offsets.i64";
    /** float32 per row and feature (row-major): the SHAP value. */
    static final String PHI = "phi.f32";
    /** float32 per row and feature (row-major): the value, a category's code for categorical features, NaN if none. */
    static final String VALUES = "values.f32";
    /**
     * int8 per row and protected attribute (row-major, in {@link ProtectedAttribute}'s order): the group's code, -1
     * when unknown. Only in runs indexed with protected attributes.
     */
    static final String PROTECTED = "protected-groups.i8";
    /**
     * The run's post-training bias report ({@code BiasReportJson}), when it was indexed with labels and protected
     * attributes; the report copies it beside its HTML file.
     */
    static final String BIAS_POST = "bias-post.json";
    /** The same metrics and the global SHAP values in the shape of SageMaker Clarify's {@code analysis.json}. */
    static final String CLARIFY_ANALYSIS = "analysis.json";
    /** int64 per row: the row's id as a number (16 hex digits), in row order. */
    static final String ROW_IDS = "row-ids.i64";
    /** int32 per row: the rows by descending score (ties by row), the order of the default page. */
    static final String BY_SCORE = "by-score.i32";
    /** int64 per row, sorted: the row ids as numbers. */
    static final String IDS = "ids.i64";
    /** int32 per row: the row of each sorted id. */
    static final String ID_ROWS = "id-rows.i32";

    private RunColumns() {}
}
