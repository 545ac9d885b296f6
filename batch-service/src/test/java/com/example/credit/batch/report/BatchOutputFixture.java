package com.example.credit.batch.report;

import com.example.credit.batch.TestExplainer;
import com.example.credit.batch.TestModel;
import com.example.credit.batch.job.TransformJobSpec;
import com.example.credit.batch.local.LocalTransformer;
import com.example.credit.batch.local.ProgressListener;
import java.nio.file.Path;

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

    public static Path labels() {
        return TestModel.prepared().resolve("label_test");
    }
}
