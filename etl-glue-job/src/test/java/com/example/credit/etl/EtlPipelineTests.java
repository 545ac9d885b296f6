package com.example.credit.etl;

import static com.example.credit.etl.PreparedFiles.lines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import com.example.credit.core.layout.PreparedLayout.Channel;
import com.example.credit.core.schema.FeatureCatalog;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EtlPipelineTests {

    private static final List<String> OUTPUTS = List.of(
            Channel.DATA_TRAIN.folder(),
            Channel.LABEL_TRAIN.folder(),
            Channel.PROTECTED_TRAIN.folder(),
            Channel.DATA_TEST.folder(),
            Channel.LABEL_TEST.folder(),
            Channel.PROTECTED_TEST.folder());

    @TempDir
    static Path work;

    private static SparkSession spark;
    private static Path handMadeOut;
    private static EtlResult handMadeResult;
    private static Path randomIn;
    private static Path randomOut;

    @BeforeAll
    static void runPipelines() {
        spark = SparkTestSession.shared();
        Path handMadeIn = RawFixture.handMade().write(work.resolve("hand-made-raw"));
        handMadeOut = work.resolve("hand-made-prepared");
        handMadeResult = new EtlPipeline(spark).run(EtlOptions.of(handMadeIn.toString(), handMadeOut.toString()));
        randomIn = RawFixture.random(1000, 7).write(work.resolve("random-raw"));
        randomOut = work.resolve("random-prepared");
        // 300 rows per file: every output spans several part files.
        new EtlPipeline(spark)
                .run(EtlOptions.of(randomIn.toString(), randomOut.toString()).withRowsPerFile(300));
    }

    @Test
    void preparesExactRowsFromHandMadeInput() {
        String data = "{\"row_id\":\"%s\",\"contact__has_telephone\":%d,\"credit__amount\":%d,"
                + "\"credit__coapplicant\":%d,\"credit__duration\":%d,\"credit__guarantor\":%d,"
                + "\"credit__installment_rate\":%d,\"credit__purpose\":\"%s\",\"employment__duration\":%d,"
                + "\"employment__permit\":\"%s\",\"employment__type\":\"%s\","
                + "\"finance__accounts__checking__balance\":\"%s\",\"finance__accounts__savings__balance\":\"%s\","
                + "\"finance__credits__other_banks\":%d,\"finance__credits__other_stores\":%d,"
                + "\"finance__credits__this_bank\":%d,\"finance__other_assets\":\"%s\","
                + "\"finance__repayment_history\":\"%s\",\"personal__num_dependents\":%d,"
                + "\"residence__duration\":%d,\"residence__type\":\"%s\"}";
        List<String> expectedData = sortedByRowId(List.of(
                String.format(
                        data,
                        rowIdOf("credit-0001"),
                        0,
                        1169,
                        0,
                        6,
                        0,
                        4,
                        "electronics",
                        4,
                        "domestic",
                        "professional",
                        "no_account",
                        "no_account",
                        0,
                        0,
                        1,
                        "real_estate",
                        "good",
                        1,
                        3,
                        "own"),
                String.format(
                        data,
                        rowIdOf("credit-0002"),
                        0,
                        5951,
                        0,
                        48,
                        1,
                        2,
                        "new_car",
                        0,
                        "foreign",
                        "labourer",
                        "negative",
                        "low",
                        1,
                        0,
                        2,
                        "none",
                        "poor",
                        0,
                        1,
                        "rent"),
                String.format(
                        data,
                        rowIdOf("credit-0003"),
                        1,
                        2096,
                        1,
                        12,
                        0,
                        2,
                        "education",
                        7,
                        "domestic",
                        "management",
                        "high",
                        "no_account",
                        0,
                        2,
                        1,
                        "car_or_other",
                        "very_poor",
                        2,
                        10,
                        "free"),
                String.format(
                        data,
                        rowIdOf("credit-0004"),
                        1,
                        7882,
                        0,
                        42,
                        0,
                        3,
                        "furniture",
                        7,
                        "domestic",
                        "management",
                        "high",
                        "no_account",
                        0,
                        2,
                        1,
                        "car_or_other",
                        "very_poor",
                        2,
                        10,
                        "free")));
        List<String> expectedLabels = sortedByRowId(List.of(
                label("credit-0001", false), label("credit-0002", true),
                label("credit-0003", false), label("credit-0004", false)));
        List<String> expectedProtected = sortedByRowId(List.of(
                person("credit-0001", 35, "female", "married"),
                person("credit-0002", 52, "male", "divorced"),
                person("credit-0003", 28, "female", "single"),
                person("credit-0004", 28, "female", "single")));

        assertThat(sortedByRowId(both(handMadeOut, Channel.DATA_TRAIN.folder(), Channel.DATA_TEST.folder())))
                .containsExactlyElementsOf(expectedData);
        assertThat(sortedByRowId(both(handMadeOut, Channel.LABEL_TRAIN.folder(), Channel.LABEL_TEST.folder())))
                .containsExactlyElementsOf(expectedLabels);
        assertThat(sortedByRowId(both(handMadeOut, Channel.PROTECTED_TRAIN.folder(), Channel.PROTECTED_TEST.folder())))
                .containsExactlyElementsOf(expectedProtected);
    }

    @Test
    void splitsHandMadeInputPerLabelClass() {
        // Three repaid credits give round(0.6) = 1 test row; one defaulted credit gives round(0.2) = 0.
        assertThat(lines(handMadeOut, Channel.LABEL_TEST.folder()))
                .singleElement()
                .asString()
                .endsWith("\"credit__default\":false}");
        assertThat(lines(handMadeOut, Channel.LABEL_TRAIN.folder())).hasSize(3);
        assertThat(handMadeResult.trainRows()).isEqualTo(3);
        assertThat(handMadeResult.testRows()).isEqualTo(1);
    }

    @Test
    void keepsDataLabelAndProtectedRowsOfOneSplitOnTheSameRowIds() {
        for (Path root : List.of(handMadeOut, randomOut)) {
            for (String split : List.of("train", "test")) {
                List<String> ids = lines(root, "data_" + split).stream()
                        .map(PreparedFiles::rowId)
                        .toList();
                assertThat(lines(root, "label_" + split).stream()
                                .map(PreparedFiles::rowId)
                                .toList())
                        .isEqualTo(ids);
                assertThat(lines(root, "protected_" + split).stream()
                                .map(PreparedFiles::rowId)
                                .toList())
                        .isEqualTo(ids);
            }
        }
    }

    @Test
    void writesNoPersonalDataOrRawIdIntoAnyFile() {
        Map<String, byte[]> files = PreparedFiles.allFiles(handMadeOut);
        assertThat(files).containsKeys("_SUCCESS", "_rejections.json", "data_train/part-00000.json");
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            String text = new String(file.getValue(), StandardCharsets.UTF_8);
            for (String pii : RawFixture.handMadePii()) {
                assertThat(text)
                        .as("%s must not contain %s", file.getKey(), pii)
                        .doesNotContain(pii);
            }
        }
    }

    @Test
    void keepsProtectedAttributesOutOfTheFeatureSets() {
        for (String output : List.of(Channel.DATA_TRAIN.folder(), Channel.DATA_TEST.folder())) {
            assertThat(lines(randomOut, output)).allSatisfy(line -> assertThat(line)
                    .doesNotContain("personal__age", "personal__gender", "personal__relationship_status"));
        }
    }

    @Test
    void writesEveryFeatureOfTheSchemaInSchemaOrder() {
        String line = lines(handMadeOut, Channel.DATA_TRAIN.folder()).get(0);
        List<String> keys = new ArrayList<>();
        for (String field : line.substring(1, line.length() - 1).split(",")) {
            keys.add(field.substring(1, field.indexOf('"', 1)));
        }
        List<String> expected = new ArrayList<>(List.of("row_id"));
        expected.addAll(FeatureCatalog.standard().names());
        assertThat(keys).isEqualTo(expected);
    }

    @Test
    void copiesTheSchemasByteForByte() throws Exception {
        assertThat(Files.readAllBytes(handMadeOut.resolve("schemas/data.schema.json")))
                .isEqualTo(schemaResource("data.schema.json"));
        assertThat(Files.readAllBytes(handMadeOut.resolve("schemas/label.schema.json")))
                .isEqualTo(schemaResource("label.schema.json"));
    }

    // The packaged document itself, not the catalogue's copy of it.
    private static byte[] schemaResource(String name) throws Exception {
        try (InputStream in = FeatureCatalog.class.getResourceAsStream("/com/example/credit/core/schema/" + name)) {
            assertThat(in).as(name + " in credit-core").isNotNull();
            return in.readAllBytes();
        }
    }

    @Test
    void keepsLabelSharesWithinOnePointInTrainAndTest() {
        List<String> train = lines(randomOut, Channel.LABEL_TRAIN.folder());
        List<String> test = lines(randomOut, Channel.LABEL_TEST.folder());
        assertThat(train.size() + test.size()).isEqualTo(1000);
        assertThat(test.size()).isBetween(199, 201);
        double overall = (defaulted(train) + defaulted(test)) / 1000.0;
        assertThat(defaulted(train) / (double) train.size()).isCloseTo(overall, offset(0.01));
        assertThat(defaulted(test) / (double) test.size()).isCloseTo(overall, offset(0.01));
    }

    @Test
    void sortsEveryOutputByRowIdAcrossItsPartFiles() {
        for (String output : OUTPUTS) {
            assertThat(PreparedFiles.parts(randomOut, output)).as(output).hasSizeGreaterThan(1);
            List<String> ids =
                    lines(randomOut, output).stream().map(PreparedFiles::rowId).toList();
            assertThat(ids).as(output).isSorted().doesNotHaveDuplicates();
        }
    }

    @Test
    void producesByteIdenticalFilesWhenRunTwice() {
        Path again = work.resolve("random-prepared-again");
        new EtlPipeline(spark)
                .run(EtlOptions.of(randomIn.toString(), again.toString()).withRowsPerFile(300));
        Map<String, byte[]> first = PreparedFiles.allFiles(randomOut);
        Map<String, byte[]> second = PreparedFiles.allFiles(again);
        assertThat(second.keySet()).isEqualTo(first.keySet());
        first.forEach((name, bytes) -> assertThat(second.get(name)).as(name).isEqualTo(bytes));
    }

    @Test
    void splitsDifferentlyWithAnotherSeed() {
        Path other = work.resolve("random-prepared-seed-43");
        new EtlPipeline(spark)
                .run(EtlOptions.of(randomIn.toString(), other.toString()).withSeed(43));
        Set<String> testIds42 = new HashSet<>(lines(randomOut, Channel.LABEL_TEST.folder()).stream()
                .map(PreparedFiles::rowId)
                .toList());
        List<String> testIds43 = lines(other, Channel.LABEL_TEST.folder()).stream()
                .map(PreparedFiles::rowId)
                .toList();
        assertThat(testIds43).hasSameSizeAs(testIds42);
        // Two independent 20 % samples share about 4 % of the rows, far from all 200.
        assertThat(testIds43.stream().filter(testIds42::contains).count()).isLessThan(100);
    }

    @Test
    void writesTheSuccessManifestAndAnEmptyRejectionReport() throws Exception {
        String manifest = Files.readString(handMadeOut.resolve("_SUCCESS"));
        assertThat(manifest).contains("\"format_version\" : 1", "\"seed\" : 42", "\"train\" : 3", "\"test\" : 1");
        String report = Files.readString(handMadeOut.resolve("_rejections.json"));
        assertThat(report).contains("\"exceeded\" : false", "\"read\" : 4", "\"rejected\" : 0");
        for (String output : OUTPUTS) {
            assertThat(handMadeOut.resolve(output).resolve("_SUCCESS")).exists();
        }
        assertThat(handMadeOut.resolve("_temporary_etl")).doesNotExist();
    }

    private static long defaulted(List<String> labels) {
        return labels.stream().filter(line -> line.endsWith("true}")).count();
    }

    private static List<String> both(Path root, String first, String second) {
        List<String> all = new ArrayList<>(lines(root, first));
        all.addAll(lines(root, second));
        return all;
    }

    private static List<String> sortedByRowId(List<String> lines) {
        return lines.stream().sorted(Comparator.comparing(PreparedFiles::rowId)).toList();
    }

    private static String label(String creditId, boolean defaulted) {
        return "{\"row_id\":\"" + rowIdOf(creditId) + "\",\"credit__default\":" + defaulted + "}";
    }

    private static String person(String creditId, int age, String gender, String status) {
        return "{\"row_id\":\"" + rowIdOf(creditId) + "\",\"personal__age\":" + age + ",\"personal__gender\":\""
                + gender + "\",\"personal__relationship_status\":\"" + status + "\"}";
    }

    /** The contract's row id, computed independently of Spark. */
    static String rowIdOf(String creditId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(creditId.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
