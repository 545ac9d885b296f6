package com.example.credit.training;

import com.example.credit.core.layout.PreparedLayout.Channel;
import com.example.credit.core.schema.FeatureCatalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes prepared data in the ETL's layout (data_train, label_train, data_test, label_test as JSON Lines part
 * files, schemas/ with credit-core's schemas) from a seeded generator with a known signal: the log-odds of
 * default rise with a negative checking balance, a poor repayment history, a long duration and a large amount,
 * so a fitted model reaches a test AUC of about 0.8 while noise features carry nothing.
 */
public final class PreparedDataFixture {

    private static final JsonMapper MAPPER = JsonMapper.shared();
    private static final String[] PURPOSES = {
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
        "other"
    };
    private static final String[] CHECKING = {"negative", "low", "high", "no_account"};
    private static final double[] CHECKING_LOG_ODDS = {1.2, 0.5, -0.4, -1.0};
    private static final String[] SAVINGS = {"low", "medium", "high", "very_high", "no_account"};
    private static final String[] HISTORY = {"good", "poor", "very_poor"};
    private static final double[] HISTORY_LOG_ODDS = {0.0, 0.6, 1.2};
    private static final String[] ASSETS = {"real_estate", "life_insurance", "car_or_other", "none"};
    private static final String[] EMPLOYMENT = {"unemployed", "labourer", "professional", "management"};
    private static final String[] HOUSING = {"rent", "own", "free"};

    private PreparedDataFixture() {}

    /** Writes 400 training and 100 test rows (seed 7) under {@code root} and returns it. */
    public static Path write(Path root) {
        write(root, 400, 100, 7);
        return root;
    }

    /** Writes {@code trainRows} training and {@code testRows} test rows under {@code root}, two parts each. */
    public static void write(Path root, int trainRows, int testRows, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        writeSplit(root, Channel.DATA_TRAIN, Channel.LABEL_TRAIN, "train", trainRows, random);
        writeSplit(root, Channel.DATA_TEST, Channel.LABEL_TEST, "test", testRows, random);
        Path schemas = root.resolve(Channel.SCHEMAS.folder());
        FeatureCatalog catalog = FeatureCatalog.standard();
        writeString(schemas.resolve("data.schema.json"), catalog.dataSchemaJson());
        writeString(schemas.resolve("label.schema.json"), catalog.labelSchemaJson());
    }

    /** The 16-hex-digit row id the ETL derives from a credit id. */
    public static String rowId(String creditId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(creditId.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void writeString(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeSplit(
            Path root, Channel dataChannel, Channel labelChannel, String split, int rows, SplittableRandom random) {
        List<String> data = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            String id = rowId(split + "-credit-" + i);
            ObjectNode row = MAPPER.createObjectNode();
            row.put("row_id", id);
            int checking = random.nextInt(CHECKING.length);
            int history = weighted(random, 0.65, 0.25);
            int duration = 4 + random.nextInt(69);
            int amount = 250 + (int) (Math.exp(random.nextDouble() * 4.3) * 250);
            row.put("contact__has_telephone", random.nextInt(2));
            row.put("credit__amount", Math.min(amount, 1_000_000));
            row.put("credit__coapplicant", random.nextInt(10) == 0 ? 1 : 0);
            row.put("credit__duration", duration);
            row.put("credit__guarantor", random.nextInt(10) == 0 ? 1 : 0);
            row.put("credit__installment_rate", 1 + random.nextInt(4));
            row.put("credit__purpose", PURPOSES[random.nextInt(PURPOSES.length)]);
            row.put("employment__duration", random.nextInt(30));
            row.put("employment__permit", random.nextInt(25) == 0 ? "domestic" : "foreign");
            row.put("employment__type", EMPLOYMENT[random.nextInt(EMPLOYMENT.length)]);
            row.put("finance__accounts__checking__balance", CHECKING[checking]);
            row.put("finance__accounts__savings__balance", SAVINGS[random.nextInt(SAVINGS.length)]);
            row.put("finance__credits__other_banks", random.nextInt(3));
            row.put("finance__credits__other_stores", random.nextInt(2));
            row.put("finance__credits__this_bank", 1 + random.nextInt(3));
            row.put("finance__other_assets", ASSETS[random.nextInt(ASSETS.length)]);
            row.put("finance__repayment_history", HISTORY[history]);
            row.put("personal__num_dependents", random.nextInt(3));
            row.put("residence__duration", 1 + random.nextInt(4));
            row.put("residence__type", HOUSING[random.nextInt(HOUSING.length)]);
            double logOdds = -1.3
                    + CHECKING_LOG_ODDS[checking]
                    + HISTORY_LOG_ODDS[history]
                    + 0.04 * (duration - 20)
                    + 0.00008 * (amount - 3000);
            boolean defaulted = random.nextDouble() < 1 / (1 + Math.exp(-logOdds));
            data.add(row.toString());
            ObjectNode label = MAPPER.createObjectNode();
            label.put("row_id", id);
            label.put("credit__default", defaulted);
            labels.add(label.toString());
        }
        writeParts(root.resolve(dataChannel.folder()), data);
        writeParts(root.resolve(labelChannel.folder()), labels);
    }

    /** Two part files plus the marker and checksum files Spark leaves beside them, which readers must skip. */
    private static void writeParts(Path folder, List<String> lines) {
        int half = lines.size() / 2;
        writeString(folder.resolve("part-00000.json"), String.join("\n", lines.subList(0, half)) + "\n");
        writeString(folder.resolve("part-00001.json"), String.join("\n", lines.subList(half, lines.size())) + "\n");
        writeString(folder.resolve("_SUCCESS"), "");
        writeString(folder.resolve(".part-00000.json.crc"), "not json");
    }

    private static int weighted(SplittableRandom random, double first, double second) {
        double draw = random.nextDouble();
        return draw < first ? 0 : draw < first + second ? 1 : 2;
    }
}
