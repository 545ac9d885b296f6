package com.example.credit.batch.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.example.credit.batch.ReportException;
import com.example.credit.batch.TestModel;
import com.example.credit.core.manifest.ModelManifest;
import com.example.credit.core.manifest.ModelManifestJson;
import com.example.credit.core.metrics.ReliabilityBin;
import com.example.credit.core.schema.FeatureCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

class DatasetReportTests {

    private static final JsonMapper MAPPER = JsonMapper.shared();
    private static final FeatureCatalog CATALOG = FeatureCatalog.standard();

    @TempDir
    Path temp;

    private static BatchOutput output() {
        return new BatchOutputReader(CATALOG, MAPPER).read(BatchOutputFixture.predictions());
    }

    private static ReportModel model() {
        return new DatasetReport(CATALOG, MAPPER)
                .build(output(), LabelReader.read(BatchOutputFixture.labels(), MAPPER));
    }

    @Test
    void reachesTheTestAucThatTrainingRecordedForTheSameModelAndRows() {
        ReportModel model = model();

        double trainingAuc =
                ModelManifestJson.read(TestModel.directory()).metrics().get("test_auc");
        assertThat(model.summary().records()).isEqualTo(200);
        assertThat(model.summary().labelled()).isEqualTo(200);
        assertThat(model.summary().auc()).isCloseTo(trainingAuc, within(1e-9));
        assertThat(model.summary().defaulted() + model.summary().repaid()).isEqualTo(200);
    }

    @Test
    void ranksFeaturesByMeanAbsoluteShapOverAllRecords() {
        BatchOutput output = output();
        ReportModel model = model();

        int amount = CATALOG.feature("credit__amount").index();
        double expected = output.records().stream()
                        .mapToDouble(record -> Math.abs(record.shapValues().get(amount)))
                        .sum()
                / output.records().size();
        assertThat(model.features()).hasSize(20);
        assertThat(model.features())
                .isSortedAccordingTo(Comparator.comparingDouble(ReportModel.FeatureSummary::meanAbsShap)
                        .reversed());
        assertThat(model.features().stream()
                        .filter(f -> f.name().equals("credit__amount"))
                        .findFirst()
                        .orElseThrow()
                        .meanAbsShap())
                .isCloseTo(expected, within(1e-6));
    }

    @Test
    void histogramCountsEveryRecordOnceByItsLabel() {
        ReportModel.Histogram histogram = model().histogram();

        long defaulted =
                histogram.defaulted().stream().mapToLong(Long::longValue).sum();
        long repaid = histogram.repaid().stream().mapToLong(Long::longValue).sum();
        assertThat(histogram.edges()).hasSize(21).startsWith(0.0).endsWith(1.0);
        assertThat(defaulted).isEqualTo(model().summary().defaulted());
        assertThat(defaulted + repaid).isEqualTo(200);
    }

    @Test
    void calibrationMatchesTheReliabilityTableThatTrainingRecordedForTheSameModelAndRows() {
        ReportModel.Calibration calibration = model().calibration();
        ModelManifest manifest = ModelManifestJson.read(TestModel.directory());

        assertThat(calibration.brier()).isCloseTo(manifest.metrics().get("test_brier"), within(1e-9));
        assertThat(calibration.bins()).hasSize(10);
        assertThat(calibration.bins().stream()
                        .mapToLong(ReportModel.CalibrationBin::count)
                        .sum())
                .isEqualTo(200);
        for (int i = 0; i < 10; i++) {
            ReportModel.CalibrationBin bin = calibration.bins().get(i);
            ReliabilityBin recorded = manifest.reliability().get(i);
            assertThat(bin.count()).as("bin %d", i).isEqualTo(recorded.count());
            if (bin.count() == 0) {
                assertThat(bin.meanPredicted()).isNull();
            } else {
                assertThat(bin.meanPredicted()).isCloseTo(recorded.meanPredicted(), within(1e-9));
                assertThat(bin.observedRate()).isCloseTo(recorded.observedRate(), within(1e-12));
            }
        }
    }

    @Test
    void drillDownRecordsAddUpFromBaselineToPrediction() {
        for (ReportModel.DrillRecord record : model().records()) {
            double sum = record.contributions().stream()
                    .mapToDouble(Double::doubleValue)
                    .sum();
            assertThat(record.baseline() + sum).isCloseTo(record.prediction(), within(1e-4));
            assertThat(record.label()).isNotNull();
        }
    }

    @Test
    void samplesAtMostTwoThousandRecordsTheSameWayEveryTimeInInputOrder() {
        List<ScoredRecord> records = IntStream.range(0, 2500)
                .mapToObj(i -> new ScoredRecord(
                        String.format("%05d", i), 0.5, 0, List.of(0.0), 0.5, List.of(0.0), List.of(1.0), List.of()))
                .toList();

        List<ScoredRecord> sample = DatasetReport.sample(records, DatasetReport.MAX_SAMPLE);

        assertThat(sample).hasSize(2000).isEqualTo(DatasetReport.sample(records, DatasetReport.MAX_SAMPLE));
        assertThat(sample).extracting(ScoredRecord::rowId).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void leavesErrorLinesOutAndCountsThem() throws IOException {
        Path copy = temp.resolve("predictions");
        Files.createDirectories(copy);
        List<String> lines = new ArrayList<>(
                Files.readAllLines(BatchOutputFixture.predictions().resolve("part-00000.json.out")));
        lines.add(1, "{\"error\":{\"status\":400,\"title\":\"Invalid application\",\"detail\":\"x\",\"line\":2}}");
        Files.write(copy.resolve("part-00000.json.out"), lines);

        BatchOutput output = new BatchOutputReader(CATALOG, MAPPER).read(copy);

        assertThat(output.errorLines()).isEqualTo(1);
        assertThat(output.records()).hasSize(100);
    }

    @Test
    void refusesOutputWithoutRowIds() throws IOException {
        Path file = temp.resolve("a.out");
        Files.writeString(file, "{\"prediction\":0.2,\"explanation_shap_values\":{}}\n");

        assertThatThrownBy(() -> new BatchOutputReader(CATALOG, MAPPER).read(file))
                .isInstanceOf(ReportException.class)
                .hasMessageStartingWith("a.out line 1 has no row_id: run the batch with JoinSource=Input");
    }

    @Test
    void refusesLabelsThatMatchNoPrediction() {
        assertThatThrownBy(() -> new DatasetReport(CATALOG, MAPPER).build(output(), Map.of("nope", true)))
                .isInstanceOf(ReportException.class)
                .hasMessageStartingWith("none of the 200 predicted row ids has a label");
    }

    @Test
    void refusesLabelsOfOneClassBecauseTheAucIsUndefined() {
        BatchOutput output = output();
        Map<String, Boolean> allDefaulted = new java.util.HashMap<>();
        output.records().forEach(record -> allDefaulted.put(record.rowId(), true));

        assertThatThrownBy(() -> new DatasetReport(CATALOG, MAPPER).build(output, allDefaulted))
                .isInstanceOf(ReportException.class)
                .hasMessage("AUC needs both defaulted and repaid credits among the 200 labelled records, found only"
                        + " defaulted ones");
    }

    @Test
    void writesOneSelfContainedPageWithTheChartingLibraryInlined() throws IOException {
        Path html = temp.resolve("report.html");

        ReportSummary summary =
                DatasetReport.write(BatchOutputFixture.predictions(), BatchOutputFixture.labels(), html);

        String page = Files.readString(html);
        assertThat(summary.bytes()).isEqualTo(Files.size(html));
        assertThat(page).doesNotContain("<script src").doesNotContain("<link ").doesNotContain("{{");
        assertThat(page).contains("echarts").contains("\"formatVersion\":1");
        assertThat(summary.bytes()).isLessThan(3L * 1024 * 1024);
    }
}
