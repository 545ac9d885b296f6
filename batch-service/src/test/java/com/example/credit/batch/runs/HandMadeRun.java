package com.example.credit.batch.runs;

import com.example.credit.core.schema.Feature;
import com.example.credit.core.schema.FeatureCatalog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A hand-made run of ten applicants whose figures the tests work out by hand: row r has score (r + 0.5) / 10 (one
 * per decile), credit__amount = 1000 + r with SHAP value 0.1 r - 0.45, credit__duration = r, credit__purpose the
 * (r mod 3)-th category, every other feature constant with SHAP value 0.01; its reasons are credit__duration, and
 * credit__amount when r is even; rows 0, 5, 6, 7 and 8 defaulted; the SHAP values add up to raw_score. One error
 * line, after row 2. Rows 0 to 5 are in {@code part-00000.json.out}, 6 to 9 in {@code sub/part-00001.json.out}.
 *
 * <p>{@link #writeWithInteractions} adds SHAP interaction values as the explainer writes them (symmetric, row i
 * summing to φ_i): credit__amount interacts with credit__purpose by c_r = 0.02 (r mod 3) - 0.02 (-0.02, 0, 0.02) and
 * with credit__duration by 0.005; their diagonals take the rest of their φ (φ_aa = 0.1 r - 0.45 - c_r - 0.005,
 * φ_pp = 0.01 - c_r, φ_dd = 0.01 - 0.005), every other diagonal is 0.01 and every other pair 0.
 *
 * <p>{@link #writeProtected} writes protected attributes as the ETL's {@code protected_test} does, for every row but
 * row 4, plus one applicant who is not in the run: row r is 20 + 5 r years old (bands &lt;25: row 0; 25-34: 1, 2;
 * 35-49: 3, 5; 50-64: 6, 7, 8; 65+: 9), female when r is even, else male (female 0, 2, 6, 8; male 1, 3, 5, 7, 9),
 * and single, married, divorced or widowed by r mod 4 (single 0, 8; married 1, 5, 9; divorced 2, 6; widowed 3, 7).
 */
public final class HandMadeRun {

    private static final FeatureCatalog CATALOG = FeatureCatalog.standard();

    private HandMadeRun() {}

    public static String rowId(int r) {
        return String.format(Locale.ROOT, "%016x", 7919L * r + 1);
    }

    /** Whether row r defaulted. */
    public static boolean label(int r) {
        return r == 0 || (r >= 5 && r <= 8);
    }

    public static String line(int r) {
        return line(r, false);
    }

    /** Row r's line, with interaction values when asked. */
    public static String line(int r, boolean interactions) {
        StringBuilder input = new StringBuilder("{\"row_id\":\"" + rowId(r) + "\"");
        StringBuilder shap = new StringBuilder();
        for (Feature feature : CATALOG.features()) {
            String value;
            double phi = 0.01;
            switch (feature.name()) {
                case "credit__amount" -> {
                    value = Integer.toString(1000 + r);
                    phi = 0.1 * r - 0.45;
                }
                case "credit__duration" -> value = Integer.toString(r);
                case "credit__purpose" -> value = "\"" + feature.categories().get(r % 3) + "\"";
                default ->
                    value = feature.isCategorical()
                            ? "\"" + feature.categories().get(0) + "\""
                            : "1";
            }
            input.append(",\"").append(feature.name()).append("\":").append(value);
            shap.append(shap.isEmpty() ? "" : ",")
                    .append('"')
                    .append(feature.name())
                    .append("\":")
                    .append(phi);
        }
        String reasons = "{\"feature\":\"credit__duration\",\"text\":\"Credit duration is " + r
                + ": this raises the estimated probability of default.\"}"
                + (r % 2 == 0
                        ? ",{\"feature\":\"credit__amount\",\"text\":\"Credit amount is " + (1000 + r)
                                + ": this raises the estimated probability of default.\"}"
                        : "");
        // The SHAP values add up: raw_score = expected_value + the sum of the values (the prediction is set apart).
        double raw = -1.0 + (0.1 * r - 0.45) + 0.01 * (CATALOG.features().size() - 1);
        return input + ",\"SageMakerOutput\":{\"prediction\":" + (r + 0.5) / 10
                + ",\"explanation_shap_values\":{\"expected_value\":-1.0,\"raw_score\":" + raw
                + ",\"shap_values\":{" + shap
                + "}},\"reasons\":{\"reasons\":[" + reasons + "]}"
                + (interactions ? ",\"explanation_shap_interaction_values\":" + interactions(r) : "")
                + "}}";
    }

    /** Row r's interaction values: {@code expected_value}, {@code feature_names} and the n × n matrix. */
    static String interactions(int r) {
        int n = CATALOG.features().size();
        int amount = CATALOG.feature("credit__amount").index();
        int purpose = CATALOG.feature("credit__purpose").index();
        int duration = CATALOG.feature("credit__duration").index();
        double c = 0.02 * (r % 3) - 0.02;
        double e = 0.005;
        double[][] m = new double[n][n];
        for (int i = 0; i < n; i++) {
            m[i][i] = 0.01;
        }
        m[amount][amount] = 0.1 * r - 0.45 - c - e;
        m[amount][purpose] = c;
        m[purpose][amount] = c;
        m[purpose][purpose] = 0.01 - c;
        m[amount][duration] = e;
        m[duration][amount] = e;
        m[duration][duration] = 0.01 - e;
        StringBuilder json = new StringBuilder("{\"expected_value\":-1.0,\"feature_names\":[");
        for (int i = 0; i < n; i++) {
            json.append(i == 0 ? "" : ",")
                    .append('"')
                    .append(CATALOG.features().get(i).name())
                    .append('"');
        }
        json.append("],\"values\":[");
        for (int i = 0; i < n; i++) {
            json.append(i == 0 ? "[" : ",[");
            for (int j = 0; j < n; j++) {
                json.append(j == 0 ? "" : ",").append(m[i][j]);
            }
            json.append(']');
        }
        return json.append("]}").toString();
    }

    /** Writes the run's two output files into {@code run} and returns its labels by row id. */
    public static Map<String, Boolean> write(Path run) throws IOException {
        return write(run, false);
    }

    /** The same run whose lines also carry SHAP interaction values (see the class comment). */
    public static Map<String, Boolean> writeWithInteractions(Path run) throws IOException {
        return write(run, true);
    }

    private static Map<String, Boolean> write(Path run, boolean interactions) throws IOException {
        StringBuilder first = new StringBuilder();
        StringBuilder second = new StringBuilder();
        for (int r = 0; r < 10; r++) {
            (r < 6 ? first : second).append(line(r, interactions)).append('\n');
            if (r == 2) {
                first.append("{\"row_id\":\"ffffffffffffffff\",\"SageMakerOutput\":{\"error\":{\"status\":400}}}\n");
            }
        }
        Files.createDirectories(run.resolve("sub"));
        Files.writeString(run.resolve("part-00000.json.out"), first, StandardCharsets.UTF_8);
        Files.writeString(run.resolve("sub/part-00001.json.out"), second, StandardCharsets.UTF_8);
        Map<String, Boolean> labels = new HashMap<>();
        for (int r = 0; r < 10; r++) {
            labels.put(rowId(r), label(r));
        }
        return labels;
    }

    /** Writes the protected attributes as the ETL writes protected_test (see the class comment). */
    public static void writeProtected(Path folder) throws IOException {
        Files.createDirectories(folder);
        List<String> statuses = List.of("single", "married", "divorced", "widowed");
        StringBuilder lines = new StringBuilder();
        for (int r = 0; r < 10; r++) {
            if (r != 4) {
                lines.append(protectedLine(rowId(r), 20 + 5 * r, r % 2 == 0 ? "female" : "male", statuses.get(r % 4)));
            }
        }
        lines.append(protectedLine("00000000000000ff", 41, "female", "married"));
        Files.writeString(folder.resolve("part-00000.json"), lines, StandardCharsets.UTF_8);
        Files.writeString(folder.resolve("_SUCCESS"), "");
    }

    static String protectedLine(String rowId, int age, String gender, String status) {
        return "{\"row_id\":\"" + rowId + "\",\"personal__age\":" + age + ",\"personal__gender\":\"" + gender
                + "\",\"personal__relationship_status\":\"" + status + "\"}\n";
    }

    /** Writes the labels as the ETL writes label_test: one JSON line per row. */
    public static void writeLabels(Path folder) throws IOException {
        Files.createDirectories(folder);
        StringBuilder lines = new StringBuilder();
        for (int r = 0; r < 10; r++) {
            lines.append("{\"row_id\":\"")
                    .append(rowId(r))
                    .append("\",\"credit__default\":")
                    .append(label(r))
                    .append("}\n");
        }
        Files.writeString(folder.resolve("part-00000.json"), lines, StandardCharsets.UTF_8);
    }
}
