package com.example.credit.batch.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.credit.batch.BatchException;
import com.example.credit.batch.InvalidJobSpecException;
import com.example.credit.batch.job.AssembleWith;
import com.example.credit.batch.job.BatchStrategy;
import com.example.credit.batch.job.DataProcessing;
import com.example.credit.batch.job.JoinSource;
import com.example.credit.batch.job.SplitType;
import com.example.credit.batch.job.TransformJobSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pins the local back end's output bytes, error lines and counts on a corpus of awkward inputs under every
 * DataProcessing option (input filter, join with the input, output filter), every format (JSON Lines, JSON, CSV),
 * SplitType Line and None, BatchStrategy SingleRecord and MultiRecord, AssembleWith Line and None, with and without
 * an Accept header, against an explainer stand-in whose answers depend only on the records. The golden file was
 * written by the implementation before the streaming rewrite; rewrite it only on purpose, with {@code
 * -Dgolden.update=true}.
 */
class LocalTransformerGoldenTests {

    private static final Path GOLDEN = Path.of("src", "test", "resources", "golden", "local-transformer-outputs.txt");

    /** JSON records: escapes, number forms, nesting, a blank line, malformed, rejected, non-object, duplicate keys. */
    private static final String JSON_LINES = String.join(
            "\n",
            "{\"id\":\"a1\",\"x\":1.50,\"y\":1e3,\"s\":\"caf\\u00e9 \\/ ok\",\"n\":{\"k\":[1,2.0,-0.0]},"
                    + "\"big\":12345678901234567890,\"features\":{\"f1\":1.0,\"f2\":\"b\"}}",
            "  {\"id\" : \"a2\", \"x\": -3, \"s\": \"plain\u00fc\u4e2d\", \"features\": {\"f1\": 1, \"f2\": null}}  ",
            "",
            "{not json",
            "{\"id\":\"a5\",\"reject\":true,\"x\":2,\"features\":{\"f1\":5}}",
            "[1,2,3]",
            "{\"id\":\"a7\",\"x\":0.1,\"x\":0.2,\"SageMakerOutput\":\"old\",\"features\":{\"f1\":7}}\r",
            "{\"id\":\"a8\",\"x\":9.6e-4,\"e\":1E+2,\"features\":{\"f1\":2,\"f2\":\"c\"}}",
            "\"just a string\"",
            "{\"id\":\"a10\",\"x\":1,\"features\":[1,2]}",
            "   ",
            "{\"id\":\"a12\",\"x\":1e400,\"t\":true,\"u\":\"\\ud83d\\ude00\",\"features\":{\"f1\":12}}",
            "{\"id\":\"a13\"}",
            "{\"id\":\"t1\",\"n\":{\"k\":1,\"k\":{\"deep\":[2]}},\"features\":{\"f1\":1}} {\"id\":\"t2\"}",
            "{\"id\":\"t3\",\"n\":{\"k\":1,\"k\":{\"deep\":[2]}},\"features\":{\"f1\":3}}",
            "{}",
            "{\"id\":\"t5\",\"SageMakerOutput\":{\"a\":1},\"features\":{\"f1\":5}}");

    private static final String JSON_LINES_CLEAN = String.join(
            "\n",
            "{\"id\":\"c1\",\"x\":1.50,\"s\":\"caf\\u00e9\",\"features\":{\"f1\":1}}",
            "",
            "{\"id\":\"c2\", \"x\":-2e-3,\"features\":{\"f1\":2}}",
            "{\"id\":\"c3\",\"x\":3,\"features\":{\"f1\":3}}",
            "");

    private static final String JSON_DOCUMENT = "[\n  {\"id\":\"d1\",\"x\":1.50,\"features\":{\"f1\":1}},\n"
            + "  {\"id\":\"d2\",\"x\":2,\"features\":{\"f1\":2}}\n]\n";

    private static final String CSV = String.join(
            "\n",
            "a1,1.50,\"caf\u00e9, ok\",x",
            "a2,-3,\"say \"\"hi\"\"\",",
            "",
            "a4,\"unclosed,2",
            "a5,reject,1,2",
            "a6,0.1,plain,z\r",
            " a7 , 7 ,\"\",w",
            "a8",
            "");

    private static final String CSV_CLEAN = String.join("\n", "c1,1.5,p,q", "c2,2,\"r,s\",t", "", "c3,3,u,v", "");

    private record Format(String name, String contentType, String lines, String clean, String suffix) {}

    private record Processing(String name, DataProcessing value) {}

    @TempDir
    Path temp;

    private CannedExplainer explainer;

    @BeforeEach
    void startExplainer() {
        explainer = CannedExplainer.start();
    }

    @AfterEach
    void stopExplainer() {
        explainer.close();
    }

    @Test
    void writesTheSameBytesErrorLinesAndCountsAsBeforeUnderEveryOption() throws IOException {
        StringBuilder report = new StringBuilder();
        List<Format> formats = List.of(
                new Format("jsonl", "application/jsonlines", JSON_LINES, JSON_LINES_CLEAN, ".jsonl"),
                new Format("json", "application/json", JSON_LINES, JSON_DOCUMENT, ".json"),
                new Format("csv", "text/csv", CSV, CSV_CLEAN, ".csv"));
        for (Format format : formats) {
            Path dirty = write("in-" + format.name() + "-lines" + format.suffix(), format.lines());
            Path clean = write("in-" + format.name() + "-clean" + format.suffix(), format.clean());
            for (SplitType split : SplitType.values()) {
                for (BatchStrategy strategy : BatchStrategy.values()) {
                    for (Processing processing : processings(format)) {
                        for (AssembleWith assemble : AssembleWith.values()) {
                            for (Path input : List.of(dirty, clean)) {
                                String name = String.join(
                                        " ",
                                        format.name(),
                                        split.wireName(),
                                        strategy.wireName(),
                                        processing.name(),
                                        assemble.wireName(),
                                        input.getFileName().toString());
                                TransformJobSpec spec;
                                try {
                                    spec = TransformJobSpec.builder(
                                                    input.toString(),
                                                    temp.resolve("out").toString(),
                                                    format.contentType())
                                            .splitType(split)
                                            .batchStrategy(strategy)
                                            .assembleWith(assemble)
                                            .dataProcessing(processing.value())
                                            .build();
                                } catch (InvalidJobSpecException e) {
                                    // SplitType None allows neither an input filter nor a join.
                                    continue;
                                }
                                run(report, name, spec);
                            }
                        }
                    }
                }
            }
        }
        Path jsonl = temp.resolve("in-jsonl-lines.jsonl");
        run(
                report,
                "jsonl with Accept application/json, join",
                TransformJobSpec.builder(jsonl.toString(), temp.resolve("out").toString(), "application/jsonlines")
                        .splitType(SplitType.LINE)
                        .assembleWith(AssembleWith.LINE)
                        .batchStrategy(BatchStrategy.MULTI_RECORD)
                        .accept("application/json")
                        .dataProcessing(new DataProcessing("$", "$", JoinSource.INPUT))
                        .build());
        Path json = temp.resolve("in-json-lines.json");
        run(
                report,
                "json with Accept application/jsonlines, join",
                TransformJobSpec.builder(json.toString(), temp.resolve("out").toString(), "application/json")
                        .splitType(SplitType.LINE)
                        .assembleWith(AssembleWith.LINE)
                        .batchStrategy(BatchStrategy.MULTI_RECORD)
                        .accept("application/jsonlines")
                        .dataProcessing(new DataProcessing("$", "$", JoinSource.INPUT))
                        .build());
        Path csv = temp.resolve("in-csv-lines.csv");
        run(
                report,
                "csv entities=prediction, join, filters",
                TransformJobSpec.builder(csv.toString(), temp.resolve("out").toString(), "text/csv;entities=prediction")
                        .splitType(SplitType.LINE)
                        .assembleWith(AssembleWith.LINE)
                        .batchStrategy(BatchStrategy.MULTI_RECORD)
                        .dataProcessing(new DataProcessing("$[1:]", "$[0,-1]", JoinSource.INPUT))
                        .build());
        run(
                report,
                "jsonl entities=prediction, join, SingleRecord",
                TransformJobSpec.builder(
                                jsonl.toString(),
                                temp.resolve("out").toString(),
                                "application/jsonlines;entities=prediction")
                        .splitType(SplitType.LINE)
                        .assembleWith(AssembleWith.LINE)
                        .batchStrategy(BatchStrategy.SINGLE_RECORD)
                        .dataProcessing(new DataProcessing("$", "$", JoinSource.INPUT))
                        .build());
        Path surrogate = write(
                "lone-surrogate.jsonl",
                "{\"id\":\"s1\",\"features\":{\"f1\":1}}\n{\"id\":\"s2\",\"u\":\"\\ud83d\",\"features\":{\"f1\":2}}\n");
        for (Processing processing : processings(new Format("jsonl", "", "", "", ""))) {
            run(
                    report,
                    "jsonl with a lone surrogate, " + processing.name(),
                    TransformJobSpec.builder(
                                    surrogate.toString(), temp.resolve("out").toString(), "application/jsonlines")
                            .splitType(SplitType.LINE)
                            .assembleWith(AssembleWith.LINE)
                            .batchStrategy(BatchStrategy.MULTI_RECORD)
                            .dataProcessing(processing.value())
                            .build());
        }
        Path badUtf8 = temp.resolve("bad-utf8.jsonl");
        Files.write(badUtf8, new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, '"', '}', '\n'});
        run(
                report,
                "jsonl with a malformed UTF-8 byte",
                TransformJobSpec.builder(badUtf8.toString(), temp.resolve("out").toString(), "application/jsonlines")
                        .splitType(SplitType.LINE)
                        .assembleWith(AssembleWith.LINE)
                        .batchStrategy(BatchStrategy.MULTI_RECORD)
                        .build());
        Path many = temp.resolve("many");
        Files.createDirectories(many);
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < 6000; i++) {
            rows.add(String.format(
                    Locale.ROOT,
                    "{\"id\":\"m%d\",\"x\":%s,\"note\":\"%s\",\"features\":{\"f1\":%d}}",
                    i,
                    i % 7 == 0 ? "1.50" : Double.toString(i / 3.0),
                    "padding ".repeat(i % 120),
                    i));
        }
        Files.write(many.resolve("a.jsonl"), rows.subList(0, 4000));
        Files.write(many.resolve("b.jsonl"), rows.subList(4000, 6000));
        for (int concurrency : new int[] {1, 2, 3}) {
            run(
                    report,
                    "two files of several requests each, join, MaxConcurrentTransforms " + concurrency,
                    TransformJobSpec.builder(
                                    many.toString(), temp.resolve("out").toString(), "application/jsonlines")
                            .splitType(SplitType.LINE)
                            .assembleWith(AssembleWith.LINE)
                            .batchStrategy(BatchStrategy.MULTI_RECORD)
                            .maxPayloadInMB(1)
                            .maxConcurrentTransforms(concurrency)
                            .dataProcessing(new DataProcessing("$", "$", JoinSource.INPUT))
                            .build());
        }

        String actual = report.toString();
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(GOLDEN.getParent());
            Files.writeString(GOLDEN, actual, StandardCharsets.UTF_8);
        }
        assertThat(actual).isEqualTo(Files.readString(GOLDEN, StandardCharsets.UTF_8));
    }

    private static List<Processing> processings(Format format) {
        if (format.name().equals("csv")) {
            return List.of(
                    new Processing("none", DataProcessing.NONE),
                    new Processing("input $[1:]", new DataProcessing("$[1:]", "$", JoinSource.NONE)),
                    new Processing("output $.prediction", new DataProcessing("$", "$.prediction", JoinSource.NONE)),
                    new Processing("join", new DataProcessing("$", "$", JoinSource.INPUT)),
                    new Processing(
                            "join input $[1:] output $[0,-3:]",
                            new DataProcessing("$[1:]", "$[0,-3:]", JoinSource.INPUT)));
        }
        return List.of(
                new Processing("none", DataProcessing.NONE),
                new Processing("input $.features", new DataProcessing("$.features", "$", JoinSource.NONE)),
                new Processing(
                        "output $.explanation_shap_values",
                        new DataProcessing("$", "$.explanation_shap_values", JoinSource.NONE)),
                new Processing("join", new DataProcessing("$", "$", JoinSource.INPUT)),
                new Processing(
                        "join output $['id','SageMakerOutput']",
                        new DataProcessing("$", "$['id','SageMakerOutput']", JoinSource.INPUT)),
                new Processing(
                        "join input $.features output $.SageMakerOutput.prediction",
                        new DataProcessing("$.features", "$.SageMakerOutput.prediction", JoinSource.INPUT)));
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(temp.resolve(name), text, StandardCharsets.UTF_8);
    }

    private void run(StringBuilder report, String name, TransformJobSpec spec) throws IOException {
        Path output = Path.of(spec.output());
        report.append("### ").append(name).append('\n');
        try {
            TransformResult result = LocalTransformer.run(spec, explainer.baseUrl(), ProgressListener.NONE);
            // A failed file's request count depends on how far the workers got before the writer met the failure.
            report.append(String.format(
                    Locale.ROOT,
                    "files %d done %d records %d errors %d requests %s%n",
                    result.files(),
                    result.filesDone(),
                    result.records(),
                    result.errorRecords(),
                    result.failures().isEmpty() ? Long.toString(result.requests()) : "(a file failed)"));
            for (TransformResult.FileFailure failure : result.failures()) {
                report.append("failed ")
                        .append(failure.relativePath())
                        .append(": ")
                        .append(failure.reason().replace(temp.toString(), "<temp>"))
                        .append('\n');
            }
        } catch (BatchException e) {
            report.append("thrown ")
                    .append(e.getClass().getSimpleName())
                    .append(": ")
                    .append(e.getMessage().replace(temp.toString(), "<temp>"))
                    .append('\n');
        }
        if (Files.isDirectory(output)) {
            try (Stream<Path> files = Files.walk(output)) {
                for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                    String relative = output.relativize(file).toString();
                    if (relative.startsWith(".")) {
                        continue;
                    }
                    byte[] bytes = Files.readAllBytes(file);
                    report.append("-- ")
                            .append(relative)
                            .append(' ')
                            .append(bytes.length)
                            .append(" bytes");
                    if (bytes.length > 4000) {
                        report.append(" sha256 ").append(sha256(bytes)).append('\n');
                    } else {
                        report.append('\n')
                                .append(new String(bytes, StandardCharsets.UTF_8))
                                .append("\n--\n");
                    }
                }
            }
        }
        deleteTree(output);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path :
                    walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(path);
            }
        }
    }
}
