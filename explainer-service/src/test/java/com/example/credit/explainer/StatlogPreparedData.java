package com.example.credit.explainer;

import com.example.credit.core.schema.FeatureCatalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A test-only stand-in for the ETL: turns the Statlog German Credit file (datagen's copy) into the prepared
 * layout, one application per Statlog row with the obvious meaning of each code, every fifth row held out for
 * testing. Used only when the ETL-prepared Statlog fixture is not in the checkout.
 */
final class StatlogPreparedData {

    /** datagen-lambda ships the Statlog file with its CC BY 4.0 attribution. */
    static final Path GERMAN_DATA = Path.of(
                    "..",
                    "datagen-lambda",
                    "src",
                    "main",
                    "resources",
                    "com",
                    "example",
                    "credit",
                    "datagen",
                    "statlog",
                    "german.data")
            .toAbsolutePath()
            .normalize();

    private static final List<String> PURPOSES = List.of(
            "new_car",
            "used_car",
            "furniture",
            "electronics",
            "appliances",
            "repairs",
            "education",
            "vacation",
            "re-training",
            "business",
            "other");

    private StatlogPreparedData() {}

    static void write(Path root, FeatureCatalog catalog) {
        StringBuilder[] data = {new StringBuilder(), new StringBuilder()};
        StringBuilder[] labels = {new StringBuilder(), new StringBuilder()};
        try {
            List<String> lines = Files.readAllLines(GERMAN_DATA, StandardCharsets.US_ASCII);
            for (int i = 0; i < lines.size(); i++) {
                String[] a = lines.get(i).trim().split(" +");
                String id = rowId("statlog-" + i);
                ObjectNode row = JsonMapper.shared().createObjectNode().put("row_id", id);
                row.put("contact__has_telephone", a[18].equals("A192") ? 1 : 0);
                row.put("credit__amount", Integer.parseInt(a[4]));
                row.put("credit__coapplicant", a[9].equals("A102") ? 1 : 0);
                row.put("credit__duration", Integer.parseInt(a[1]));
                row.put("credit__guarantor", a[9].equals("A103") ? 1 : 0);
                row.put("credit__installment_rate", Integer.parseInt(a[7]));
                row.put("credit__purpose", PURPOSES.get(Integer.parseInt(a[3].substring(2))));
                row.put(
                        "employment__duration",
                        Map.of("A71", 0, "A72", 0, "A73", 2, "A74", 5, "A75", 10)
                                .get(a[6]));
                row.put("employment__permit", a[19].equals("A201") ? "foreign" : "domestic");
                row.put(
                        "employment__type",
                        Map.of("A171", "unemployed", "A172", "labourer", "A173", "professional", "A174", "management")
                                .get(a[16]));
                row.put(
                        "finance__accounts__checking__balance",
                        Map.of("A11", "negative", "A12", "low", "A13", "high", "A14", "no_account")
                                .get(a[0]));
                row.put(
                        "finance__accounts__savings__balance",
                        Map.of("A61", "low", "A62", "medium", "A63", "high", "A64", "very_high", "A65", "no_account")
                                .get(a[5]));
                row.put("finance__credits__other_banks", a[13].equals("A141") ? 1 : 0);
                row.put("finance__credits__other_stores", a[13].equals("A142") ? 1 : 0);
                row.put("finance__credits__this_bank", Integer.parseInt(a[15]));
                row.put(
                        "finance__other_assets",
                        Map.of("A121", "real_estate", "A122", "life_insurance", "A123", "car_or_other", "A124", "none")
                                .get(a[11]));
                row.put(
                        "finance__repayment_history",
                        Map.of("A30", "good", "A31", "good", "A32", "good", "A33", "poor", "A34", "very_poor")
                                .get(a[2]));
                row.put("personal__num_dependents", Integer.parseInt(a[17]));
                row.put("residence__duration", Integer.parseInt(a[10]));
                row.put(
                        "residence__type",
                        Map.of("A151", "rent", "A152", "own", "A153", "free").get(a[14]));
                int split = i % 5 == 4 ? 1 : 0;
                data[split].append(row).append('\n');
                labels[split]
                        .append(JsonMapper.shared()
                                .createObjectNode()
                                .put("row_id", id)
                                .put(FeatureCatalog.LABEL, a[20].equals("2")))
                        .append('\n');
            }
            for (int split = 0; split < 2; split++) {
                String name = split == 0 ? "train" : "test";
                write(root.resolve("data_" + name).resolve("part-00000.jsonl"), data[split].toString());
                write(root.resolve("label_" + name).resolve("part-00000.jsonl"), labels[split].toString());
            }
            write(root.resolve("schemas").resolve("data.schema.json"), catalog.dataSchemaJson());
            write(root.resolve("schemas").resolve("label.schema.json"), catalog.labelSchemaJson());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the Statlog data under " + root, e);
        }
    }

    private static String rowId(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
