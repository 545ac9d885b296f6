package com.example.credit.batch.runs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Batch output lines made from others for the tests of the two read paths: keys reordered, joined otherwise, edited. */
final class Lines {

    static final JsonMapper MAPPER = JsonMapper.shared();

    private Lines() {}

    /** The hand-made run's lines in file order (its error line fourth), with interaction values when asked. */
    static List<String> handMade(Path folder, boolean interactions) {
        try {
            if (interactions) {
                HandMadeRun.writeWithInteractions(folder);
            } else {
                HandMadeRun.write(folder);
            }
            List<String> lines = new ArrayList<>(Files.readAllLines(folder.resolve("part-00000.json.out")));
            lines.addAll(Files.readAllLines(folder.resolve("sub/part-00001.json.out")));
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every {@code .out} line of a batch output folder, in the index step's file order. */
    static List<String> of(Path run) {
        try (Stream<Path> files = Files.walk(run)) {
            List<String> lines = new ArrayList<>();
            for (Path file : files.filter(path -> path.toString().endsWith(".out"))
                    .sorted()
                    .toList()) {
                lines.addAll(Files.readAllLines(file));
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes lines as a run of two files (the first half, then the rest in a sub folder). */
    static Path write(Path run, List<String> lines) {
        try {
            Files.createDirectories(run.resolve("sub"));
            int half = lines.size() / 2;
            Files.writeString(run.resolve("part-00000.json.out"), String.join("\n", lines.subList(0, half)) + "\n");
            Files.writeString(
                    run.resolve("sub/part-00001.json.out"), String.join("\n", lines.subList(half, lines.size())));
            return run;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode tree(String line) {
        return (ObjectNode) MAPPER.readTree(line);
    }

    /** The line with the keys of every object in a seeded random order (arrays keep theirs). */
    static String shuffled(String line, long seed) {
        return shuffle(MAPPER.readTree(line), new SplittableRandom(seed)).toString();
    }

    private static JsonNode shuffle(JsonNode node, SplittableRandom random) {
        if (node.isObject()) {
            List<Map.Entry<String, JsonNode>> entries = new ArrayList<>(node.properties());
            for (int i = entries.size() - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                Map.Entry<String, JsonNode> swap = entries.get(i);
                entries.set(i, entries.get(j));
                entries.set(j, swap);
            }
            ObjectNode out = MAPPER.createObjectNode();
            for (Map.Entry<String, JsonNode> entry : entries) {
                out.set(entry.getKey(), shuffle(entry.getValue(), random));
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = MAPPER.createArrayNode();
            node.forEach(element -> out.add(shuffle(element, random)));
            return out;
        }
        return node;
    }

    /**
     * The line joined the other way: its output's fields at the top and its input record under {@code data}, the
     * input first or last.
     */
    static String dataJoin(String line, boolean dataFirst) {
        ObjectNode node = tree(line);
        ObjectNode output = (ObjectNode) node.remove("SageMakerOutput");
        ObjectNode out = MAPPER.createObjectNode();
        if (dataFirst) {
            out.set("data", node);
        }
        out.setAll(output);
        if (!dataFirst) {
            out.set("data", node);
        }
        return out.toString();
    }

    /** The line edited on its tree ({@code SageMakerOutput} is at {@code path("SageMakerOutput")}). */
    static String edited(String line, Consumer<ObjectNode> edit) {
        ObjectNode node = tree(line);
        edit.accept(node);
        return node.toString();
    }

    static ObjectNode output(ObjectNode line) {
        return (ObjectNode) line.get("SageMakerOutput");
    }

    static ObjectNode shapValues(ObjectNode line) {
        return (ObjectNode) output(line).get("explanation_shap_values").get("shap_values");
    }

    /** A line's text with one literal replaced (for what a tree cannot hold: repeated keys, broken JSON). */
    static String replaced(String line, String literal, String replacement) {
        if (!line.contains(literal)) {
            throw new IllegalArgumentException("the line has no " + literal + ": " + line);
        }
        return line.replace(literal, replacement);
    }
}
