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
import java.util.stream.Stream;

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
}
