package com.example.credit.explainer.invocation;

import com.example.credit.core.schema.Violation;
import com.example.credit.explainer.explain.ReasonCodes;
import com.example.credit.explainer.explain.RowExplainer;
import com.example.credit.explainer.explain.RowExplanation;
import com.example.credit.explainer.model.ModelBundle;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Serves one {@code /invocations} request from the raw body and its options: negotiate the response type, read
 * the records, validate all of them against the schema (so one response lists every problem), then predict
 * and explain each and write the response. No HTTP types, so it is tested and reused without a server.
 * Thread-safe: the model and TreeSHAP are shared, all other state is per call.
 */
public final class InvocationService {

    /**
     * The most violations one response lists. A 6 MB body of empty objects holds over a million records with
     * twenty violations each: collecting them all exhausted the heap (a 500), so validation stops here.
     */
    static final int MAX_VIOLATIONS = 100;

    private final ModelBundle bundle;
    private final RecordParser parser;
    private final RowExplainer explainer;
    private final ResponseAssembler assembler;
    private final ClarifyAssembler clarify;
    private final JsonMapper mapper;

    public InvocationService(ModelBundle bundle, int reasonCount, JsonMapper mapper) {
        this.bundle = Objects.requireNonNull(bundle, "bundle");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.parser = new RecordParser(bundle.catalog(), mapper);
        this.explainer = new RowExplainer(bundle.shap(), bundle.manifest().calibration());
        this.assembler = new ResponseAssembler(
                bundle.catalog(),
                bundle.model().objective(),
                bundle.manifest().calibration(),
                new ReasonCodes(bundle.encoder(), reasonCount),
                mapper);
        this.clarify = new ClarifyAssembler(bundle.catalog(), mapper);
    }

    /**
     * Answers one request.
     *
     * @param body the request body, already checked against the payload limit
     * @param options the request's options
     * @param accept the Accept header, or {@code null}
     * @throws InvocationException for anything wrong with the request
     */
    public InvocationResult invoke(byte[] body, InvocationOptions options, String accept) {
        ResponseFormat responseFormat = ResponseFormat.negotiate(accept, options.format(), options.explanationFormat());
        ParsedPayload payload = parser.parse(body, options.format());
        validate(payload);
        boolean interactions = options.explanationFormat() == ExplanationFormat.STANDARD
                && options.entities().contains(Entity.EXPLANATION_SHAP_INTERACTION_VALUES);
        List<double[]> rows = new ArrayList<>(payload.records().size());
        for (ParsedRecord record : payload.records()) {
            rows.add(bundle.encoder().encode(record.data()));
        }
        List<RowExplanation> explanations = explainer.explainAll(rows, interactions);
        List<ObjectNode> records = new ArrayList<>();
        if (options.explanationFormat() == ExplanationFormat.STANDARD) {
            for (int r = 0; r < rows.size(); r++) {
                records.add(assembler.record(
                        payload.records().get(r), rows.get(r), explanations.get(r), options.entities()));
            }
        }
        int count = payload.records().size();
        if (options.explanationFormat() == ExplanationFormat.CLARIFY) {
            return new InvocationResult(
                    mapper.writeValueAsBytes(clarify.response(explanations)), ResponseFormat.JSON.mediaType(), count);
        }
        return new InvocationResult(
                write(records, payload.singleObject(), responseFormat), responseFormat.mediaType(), count);
    }

    private void validate(ParsedPayload payload) {
        List<RecordViolation> violations = new ArrayList<>();
        for (ParsedRecord record : payload.records()) {
            if (violations.size() >= MAX_VIOLATIONS) {
                throw new InvalidRecordsException(violations, true);
            }
            List<RecordViolation> outOfRange = outOfLongRange(record);
            if (!outOfRange.isEmpty()) {
                violations.addAll(outOfRange);
                continue;
            }
            for (Violation violation : bundle.validator().validate(record.data())) {
                violations.add(new RecordViolation(
                        record.number(),
                        record.line(),
                        violation.field(),
                        violation.rule(),
                        record.location() + ": " + violation.message()));
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidRecordsException(violations);
        }
    }

    /**
     * Numbers beyond the long range (1e308, 1e400 read as infinity, 30-digit integers) are out of every feature's
     * range, but the schema validator converts such a double to long for its minimum check and throws, which was a
     * 500. They are reported here as the range violation they are, and the record is not handed to the validator.
     */
    private static List<RecordViolation> outOfLongRange(ParsedRecord record) {
        List<RecordViolation> violations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> field : record.data().properties()) {
            JsonNode value = field.getValue();
            if (value.isNumber() && !value.canConvertToLong()) {
                String rule = value.asDouble() > 0 ? "maximum" : "minimum";
                violations.add(new RecordViolation(
                        record.number(),
                        record.line(),
                        field.getKey(),
                        rule,
                        record.location() + ": " + field.getKey() + ": value " + value + " is invalid: beyond the "
                                + rule + " of the feature (rule: " + rule + ")"));
            }
        }
        return violations;
    }

    private byte[] write(List<ObjectNode> records, boolean singleObject, ResponseFormat format) {
        if (format == ResponseFormat.JSON_LINES) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (ObjectNode record : records) {
                out.writeBytes(mapper.writeValueAsBytes(record));
                out.write('\n');
            }
            return out.toByteArray();
        }
        if (singleObject) {
            return mapper.writeValueAsBytes(records.get(0));
        }
        ArrayNode array = mapper.createArrayNode();
        records.forEach(array::add);
        return mapper.writeValueAsBytes(array);
    }
}
