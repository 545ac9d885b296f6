package com.example.credit.training.data;

import com.example.credit.training.TrainingException;
import com.example.credit.training.TrainingException.Reason;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/** Reads JSON Lines part files one object at a time, naming the channel, file and line of any malformed one. */
final class JsonLines {

    /** Receives each object with where it came from. */
    @FunctionalInterface
    interface RowConsumer {
        void accept(JsonNode row, String where);
    }

    private static final ObjectReader READER = JsonMapper.shared().reader();

    private JsonLines() {}

    /**
     * Calls {@code consumer} for every non-blank line of the files, in order. Files ending in {@code .gz} are
     * decompressed, as Spark writes them when compression is on.
     *
     * @throws TrainingException (reason CHANNEL_DATA) for a line that is not a JSON object
     */
    static void forEach(String channel, List<Path> files, RowConsumer consumer) {
        for (Path file : files) {
            try (BufferedReader reader = open(file)) {
                String line;
                int lineNumber = 0;
                while ((line = reader.readLine()) != null) {
                    lineNumber++;
                    if (line.isBlank()) {
                        continue;
                    }
                    String where = channel + "/" + file.getFileName() + " line " + lineNumber;
                    consumer.accept(parse(line, where), where);
                }
            } catch (IOException e) {
                throw new TrainingException(Reason.IO, "cannot read " + file + ": " + e.getMessage(), e);
            }
        }
    }

    private static JsonNode parse(String line, String where) {
        try {
            JsonNode node = READER.readTree(line);
            if (node == null || !node.isObject()) {
                throw new TrainingException(
                        Reason.CHANNEL_DATA, where + ": a row must be a JSON object, not " + abbreviate(line));
            }
            return node;
        } catch (JacksonException e) {
            throw new TrainingException(
                    Reason.CHANNEL_DATA,
                    where + ": malformed JSON (" + e.getOriginalMessage() + "): " + abbreviate(line),
                    e);
        }
    }

    private static BufferedReader open(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        if (file.getFileName().toString().endsWith(".gz")) {
            try {
                in = new GZIPInputStream(in);
            } catch (IOException e) {
                in.close();
                throw new TrainingException(
                        Reason.CHANNEL_DATA, file + " is named .gz but is not gzip data: " + e.getMessage(), e);
            }
        }
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }

    private static String abbreviate(String line) {
        return line.length() <= 120 ? line : line.substring(0, 120) + "...";
    }
}
