package com.example.credit.batch.report;

import com.example.credit.batch.TestExplainer;
import com.example.credit.batch.TestModel;
import com.example.credit.batch.job.TransformJobSpec;
import com.example.credit.batch.local.LocalTransformer;
import com.example.credit.batch.local.ProgressListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import tools.jackson.databind.json.JsonMapper;

/**
 * The batch output the report reads, made once per test run the way the pipeline makes it: the test model's
 * data_test through the local back end with JoinSource=Input, so every line carries row_id and the features.
 */
public final class BatchOutputFixture {

    private static final Path OUTPUT =
            Path.of("target", "report-fixture", "predictions").toAbsolutePath();
    private static boolean done;

    private BatchOutputFixture() {}

    public static synchronized Path predictions() {
        if (!done) {
            try (TestExplainer explainer = TestExplainer.start()) {
                TransformJobSpec spec = TransformJobSpec.forDatasetReport(
                        TestModel.prepared().resolve("data_test").toString(), OUTPUT.toString());
                LocalTransformer.run(spec, explainer.baseUrl(), ProgressListener.NONE);
            }
            done = true;
        }
        return OUTPUT;
    }

    /** A copy of the batch output's {@code .out} files (no index) in {@code target}, for a test to index or change. */
    public static Path copy(Path target) {
        Path predictions = predictions();
        try (Stream<Path> files = Files.walk(predictions)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".out"))
                    .filter(path -> !predictions.relativize(path).toString().startsWith("."))
                    .toList()) {
                Path copy = target.resolve(predictions.relativize(file).toString());
                Files.createDirectories(copy.getParent());
                Files.copy(file, copy);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }

    public static Path labels() {
        return TestModel.prepared().resolve("label_test");
    }

    /**
     * Protected attributes for the 200 labelled applicants, made up here (the golden bundle has none), as the ETL
     * writes protected_test: the i-th row id in sorted order is 19 + (7 i mod 60) years old, female when i is even,
     * and single, married, divorced or widowed by i mod 4.
     */
    public static Path protectedAttributes(Path folder) {
        List<String> statuses = List.of("single", "married", "divorced", "widowed");
        List<String> rowIds =
                new ArrayList<>(LabelReader.read(labels(), JsonMapper.shared()).keySet());
        rowIds.sort(null);
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < rowIds.size(); i++) {
            lines.append("{\"row_id\":\"")
                    .append(rowIds.get(i))
                    .append("\",\"personal__age\":")
                    .append(19 + (7 * i) % 60)
                    .append(",\"personal__gender\":\"")
                    .append(i % 2 == 0 ? "female" : "male")
                    .append("\",\"personal__relationship_status\":\"")
                    .append(statuses.get(i % 4))
                    .append("\"}\n");
        }
        try {
            Files.createDirectories(folder);
            Files.writeString(folder.resolve("part-00000.json"), lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return folder;
    }
}
