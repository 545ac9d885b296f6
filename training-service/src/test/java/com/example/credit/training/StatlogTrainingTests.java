package com.example.credit.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.example.credit.core.layout.PreparedLayout;
import com.example.credit.core.layout.PreparedLayout.Channel;
import com.example.credit.core.manifest.ModelManifest;
import com.example.credit.core.schema.FeatureCatalog;
import com.example.credit.testsupport.golden.GoldenBundle;
import com.example.credit.training.config.Hyperparameters;
import com.example.credit.training.data.ChannelDigest;
import com.example.credit.training.data.ChannelLayout;
import com.example.credit.training.model.TrainingMetrics;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trains with the default hyperparameters on the ETL's output of the Statlog German Credit data (800 training,
 * 200 test rows), the fixture under src/test/resources/fixtures/statlog/, and checks that this is still the model
 * of credit-test-support's golden bundle, which the serving tests read instead of training.
 */
class StatlogTrainingTests {

    private static final String FIXTURE = "/fixtures/statlog";
    private static final String STALE = "credit-test-support's golden bundle is stale (%s): after a deliberate change"
            + " to training or to the fixture, regenerate it with credit-test-support/regenerate-golden.sh";

    @TempDir
    static Path temp;

    private static Path prepared;
    private static ModelManifest manifest;

    @BeforeAll
    static void trainWithTheDefaults() {
        prepared = fixture();
        manifest = new TrainingJob(FeatureCatalog.standard(), line -> {})
                .run(new TrainingRequest(
                        new ChannelLayout(prepared), temp.resolve("model"), Hyperparameters.defaults()));
    }

    @Test
    void reportsTestAucWellAboveChanceOnStatlogData() {
        double testAuc = TrainingMetrics.of(manifest).testAuc();
        // Gradient boosting on Statlog usually lands at 0.75 to 0.80; the log line keeps the number visible.
        System.out.println(String.format(
                Locale.ROOT,
                "statlog with defaults: test_auc %.4f, train_auc_cv %.4f (+/- %.4f), %d train / %d test rows",
                testAuc,
                TrainingMetrics.of(manifest).trainAucCvMean(),
                TrainingMetrics.of(manifest).trainAucCvStd(),
                manifest.trainingData().rowsTrain(),
                manifest.trainingData().rowsTest()));
        assertThat(testAuc).isGreaterThan(0.70);
    }

    @Test
    void writesTheModelDirectoryOfTheGoldenBundleByteForByte() {
        for (String file : GoldenBundle.MODEL_FILES) {
            assertThat(ChannelDigest.sha256(List.of(temp.resolve("model").resolve(file))))
                    .as(STALE, "model/" + file + " differs from what this build trains")
                    .isEqualTo(GoldenBundle.digests().get("model/" + file));
        }
    }

    @Test
    void holdsTheHeldOutRowsOfTheGoldenBundle() {
        ChannelLayout channels = new ChannelLayout(prepared);

        assertThat(ChannelDigest.sha256(channels.partFiles(Channel.DATA_TEST)))
                .as(STALE, "its held-out rows are not the fixture's data_test")
                .isEqualTo(GoldenBundle.digests().get(GoldenBundle.DATA_TEST_FILE));
        assertThat(ChannelDigest.sha256(channels.partFiles(Channel.LABEL_TEST)))
                .as(STALE, "its labels are not the fixture's label_test")
                .isEqualTo(GoldenBundle.digests().get(GoldenBundle.LABEL_TEST_FILE));
    }

    static Path fixture() {
        URL url = StatlogTrainingTests.class.getResource(FIXTURE);
        if (url == null) {
            return fail("missing fixture: put the ETL output of the Statlog data (data_train/, label_train/,"
                    + " data_test/, label_test/, schemas/) at training-service/src/test/resources" + FIXTURE + "/");
        }
        try {
            Path path = Path.of(url.toURI());
            for (Channel channel : PreparedLayout.TRAINING_CHANNELS) {
                if (!Files.isDirectory(path.resolve(channel.folder()))) {
                    return fail("incomplete fixture: training-service/src/test/resources" + FIXTURE + "/ has no "
                            + channel + "/ folder; it needs " + PreparedLayout.TRAINING_CHANNELS);
                }
            }
            return path;
        } catch (URISyntaxException e) {
            return fail("fixture URL " + url + " is no path", e);
        }
    }
}
