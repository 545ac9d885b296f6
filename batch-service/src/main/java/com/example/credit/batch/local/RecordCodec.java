package com.example.credit.batch.local;

import com.example.credit.batch.FilterException;
import com.example.credit.batch.filter.JsonPath;
import com.example.credit.batch.job.DataProcessing;
import com.example.credit.batch.job.JoinSource;
import com.example.credit.batch.job.RecordFormat;
import com.example.credit.core.format.CsvFormatException;
import com.example.credit.core.format.CsvRow;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The format-dependent steps of a record: parse and filter the input, build a request body, join and filter
 * each output, and write output and error lines. A CSV row is handled as a JSON array of its cells, so one
 * JSONPath implementation serves both. Thread-safe.
 */
final class RecordCodec {

    /** The key SageMaker puts the output under when it joins a JSON input with it. */
    static final String JOIN_KEY = "SageMakerOutput";

    private final RecordFormat format;
    private final JsonPath inputFilter;
    private final JsonPath outputFilter;
    private final boolean join;
    private final JsonMapper mapper;
    private final CanonicalJson canonical;
    /** Whether a line's JSON is read without the tree: it is sent as it is and only its join needs its text. */
    private final boolean streamedInput;
    /** Whether outputs are written without the tree: no output filter, and a join (if any) with JSON objects. */
    private final boolean streamedOutput;

    RecordCodec(RecordFormat format, DataProcessing processing, JsonMapper mapper) {
        this.format = Objects.requireNonNull(format, "format");
        this.inputFilter = processing.inputPath();
        this.outputFilter = processing.outputPath();
        this.join = processing.joinSource() == JoinSource.INPUT;
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.canonical = new CanonicalJson(mapper);
        this.streamedOutput = outputFilter.isRoot() && (!join || format.isJson());
        this.streamedInput = format.isJson() && inputFilter.isRoot() && (!join || streamedOutput);
    }

    /** One line of a file split by line. */
    PreparedRecord line(int line, String text) {
        if (text.isBlank()) {
            return new PreparedRecord(
                    line, 1, null, null, new RecordError(0, "Empty record", "line " + line + " is blank"));
        }
        if (streamedInput) {
            if (join) {
                String object = canonical.object(text, JOIN_KEY);
                if (object != null) {
                    return new PreparedRecord(line, 1, null, text, null, object, null);
                }
            } else if (canonical.isOneValue(text)) {
                // Without a join the input is only sent; the tree would be thrown away.
                return new PreparedRecord(line, 1, null, text, null);
            }
            // Not one plain JSON object: the tree path below decides, with its messages.
        }
        JsonNode input;
        try {
            input = format.isJson() ? mapper.readTree(text) : cells(text);
        } catch (JacksonException e) {
            return new PreparedRecord(
                    line,
                    1,
                    null,
                    null,
                    new RecordError(
                            0, "Malformed record", "line " + line + " is not valid JSON: " + e.getOriginalMessage()));
        } catch (CsvFormatException e) {
            return new PreparedRecord(
                    line,
                    1,
                    null,
                    null,
                    new RecordError(
                            0,
                            "Malformed record",
                            "line " + line + " is not a valid CSV row: " + e.getMessage()
                                    + (e.column() > 0 ? " at column " + e.column() : "")));
        }
        if (inputFilter.isRoot()) {
            return new PreparedRecord(line, 1, input, text, null);
        }
        try {
            return new PreparedRecord(line, 1, input, encode(inputFilter.apply(input)), null);
        } catch (FilterException e) {
            return new PreparedRecord(line, 1, input, null, new RecordError(0, "InputFilter failed", e.getMessage()));
        }
    }

    /**
     * A whole file as one record (SplitType None): sent as it is; one output is expected per non-blank line, except
     * for a JSON document, which gets one per result.
     */
    PreparedRecord wholeFile(String text) {
        int lines = (int) text.lines().filter(line -> !line.isBlank()).count();
        if (lines == 0) {
            return new PreparedRecord(1, 1, null, null, new RecordError(0, "Empty record", "the file is empty"));
        }
        return new PreparedRecord(
                1, format == RecordFormat.JSON ? PreparedRecord.WHOLE_DOCUMENT : lines, null, text, null);
    }

    /** The request body of records; JSON records of a multi-record request travel as one JSON array. */
    byte[] payload(List<PreparedRecord> records) {
        if (format == RecordFormat.JSON && records.size() > 1) {
            StringBuilder array = new StringBuilder("[");
            for (int i = 0; i < records.size(); i++) {
                array.append(i == 0 ? "" : ",").append(records.get(i).payload());
            }
            return array.append(']').toString().getBytes(StandardCharsets.UTF_8);
        }
        int size = 0;
        for (PreparedRecord record : records) {
            size += record.payloadBytes().length + 1;
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream(size);
        for (PreparedRecord record : records) {
            body.writeBytes(record.payloadBytes());
            if (format != RecordFormat.JSON) {
                body.write('\n');
            }
        }
        return body.toByteArray();
    }

    /** The size a record adds to a request body: its text and one separator. */
    static long cost(PreparedRecord record) {
        return record.payloadBytes().length + 1L;
    }

    /**
     * Whether the outputs of these records can be written from the canonical texts of the explainer's results
     * ({@link #output(PreparedRecord, String)}) rather than from their trees.
     */
    boolean streamsOutputs(List<PreparedRecord> records) {
        if (!streamedOutput) {
            return false;
        }
        if (join) {
            for (PreparedRecord record : records) {
                if (record.joinable() == null) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * The output line of a record from the canonical text of its result (see {@link #streamsOutputs}): the same
     * text as {@link #output(PreparedRecord, JsonNode)} writes from the result's tree.
     */
    String output(PreparedRecord record, String result) {
        if (!join) {
            return result;
        }
        return joined(record.joinable(), result);
    }

    /** A canonical JSON object with {@code SageMakerOutput} added last, as {@code ObjectNode.set} would. */
    private static String joined(String object, String value) {
        // One concatenation: the answer's characters are copied once (a builder copied the whole line twice).
        return object.substring(0, object.length() - 1) + (object.length() > 2 ? ",\"" : "\"") + JOIN_KEY + "\":"
                + value + "}";
    }

    /**
     * The output line of a record: joined with the input when asked, then filtered.
     *
     * @throws FilterException when the output filter does not fit the output
     */
    String output(PreparedRecord record, JsonNode output) {
        if (!join) {
            return render(outputFilter.apply(output));
        }
        if (record.joinable() != null) {
            // Read without the tree, so no output filter: in a request with records that needed the tree.
            return joined(record.joinable(), render(output));
        }
        if (format.isJson()) {
            if (!record.input().isObject()) {
                throw new FilterException("JoinSource=Input needs each JSON record to be an object, line "
                        + record.line() + " is " + record.input().getNodeType());
            }
            ObjectNode joined = ((ObjectNode) record.input()).deepCopy();
            joined.set(JOIN_KEY, output);
            return render(outputFilter.apply(joined));
        }
        ArrayNode joined = ((ArrayNode) record.input()).deepCopy();
        appendCells(joined, output);
        return renderCsv(outputFilter.apply(joined));
    }

    /**
     * The error line of a record. Output filters are not applied, so that an error never disappears; a join
     * still keeps the input beside it, so the line can be traced back.
     */
    String error(PreparedRecord record, RecordError error) {
        ObjectNode body = mapper.createObjectNode();
        ObjectNode problem = body.putObject("error");
        if (error.status() > 0) {
            problem.put("status", error.status());
        }
        problem.put("title", error.title());
        problem.put("detail", error.detail());
        problem.put("line", record.line());
        if (join && record.input() == null && record.joinable() != null) {
            return joined(record.joinable(), mapper.writeValueAsString(body));
        }
        if (!join || record.input() == null) {
            return mapper.writeValueAsString(body);
        }
        if (format.isJson()) {
            if (!record.input().isObject()) {
                return mapper.writeValueAsString(body);
            }
            ObjectNode joined = ((ObjectNode) record.input()).deepCopy();
            joined.set(JOIN_KEY, body);
            return mapper.writeValueAsString(joined);
        }
        List<String> cells = new ArrayList<>();
        record.input().values().forEach(cell -> cells.add(cell.asString()));
        cells.add("error: " + error.title() + ": " + error.detail());
        return CsvRow.join(cells);
    }

    private ArrayNode cells(String text) {
        ArrayNode row = mapper.createArrayNode();
        CsvRow.split(text).forEach(row::add);
        return row;
    }

    private String encode(JsonNode filtered) {
        if (format.isJson()) {
            return mapper.writeValueAsString(filtered);
        }
        return renderCsv(filtered);
    }

    private String render(JsonNode node) {
        return mapper.writeValueAsString(node);
    }

    /** A CSV row: an array's elements as cells, a scalar as one cell, anything nested as its JSON text. */
    private String renderCsv(JsonNode node) {
        List<String> cells = new ArrayList<>();
        if (node.isArray()) {
            node.values().forEach(cell -> cells.add(cellText(cell)));
        } else {
            cells.add(cellText(node));
        }
        return CsvRow.join(cells);
    }

    private String cellText(JsonNode cell) {
        return cell.isValueNode() ? cell.asString() : mapper.writeValueAsString(cell);
    }

    /**
     * The output's columns for a CSV join: an array's elements, an object's values (so that {@code
     * entities=prediction} gives one plain column), or a scalar as one column.
     */
    private static void appendCells(ArrayNode row, JsonNode output) {
        if (output.isArray() || output.isObject()) {
            output.values().forEach(row::add);
        } else {
            row.add(output);
        }
    }
}
