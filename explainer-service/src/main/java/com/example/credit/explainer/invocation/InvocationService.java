package com.example.credit.explainer.invocation;

import com.example.credit.core.calibration.ProbabilityCalibration;
import com.example.credit.core.manifest.ReferenceSet;
import com.example.credit.core.schema.Violation;
import com.example.credit.core.shap.InterventionalShap;
import com.example.credit.explainer.explain.ExplainedRow;
import com.example.credit.explainer.explain.ExplanationBasis;
import com.example.credit.explainer.explain.ExplanationMethod;
import com.example.credit.explainer.explain.ReasonCodes;
import com.example.credit.explainer.explain.RowExplainer;
import com.example.credit.explainer.explain.RowExplanation;
import com.example.credit.explainer.model.ModelBundle;
import com.example.credit.explainer.model.ReferencePopulation;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Serves one {@code /invocations} request from the raw body and its options: negotiate the response type, check the
 * explanation options against the model (method, reference, the per-request limit of interventional work), read the
 * records, validate all of them against the schema (so one response lists every problem), then predict and explain
 * each, path-dependent or against the chosen reference population, and write the response in the chosen shape. No HTTP types, so it is tested and reused without a server.
 * Thread-safe: the model and TreeSHAP are shared, all other state is per call.
 */
public final class InvocationService {

    /**
     * The most violations one response lists. A 6 MB body of empty objects holds over a million records with
     * twenty violations each: collecting them all exhausted the heap (a 500), so validation stops here.
     */
    static final int MAX_VIOLATIONS = 100;

    /**
     * The default of {@code explainer.max-interventional-work}: records × reference rows × model leaves a request may
     * ask for. Interventional TreeSHAP walks each tree once per record and reference row, visiting at most its leaves'
     * paths; measured per leaf it costs 4 to 12 ns on a loaded two-core machine (12 for the golden model's 411 trees
     * of 4 leaves, less for bigger trees: docs/performance.md), so a request at the limit takes about 12 s at most:
     * inside SageMaker's 60 s invocation limit with room to spare, for any model.
     */
    public static final long DEFAULT_MAX_INTERVENTIONAL_WORK = 1_000_000_000L;

    private final ModelBundle bundle;
    private final RecordParser parser;
    private final RowExplainer explainer;
    private final ResponseAssembler assembler;
    private final ClarifyAssembler clarify;
    private final OriginalAssembler original;
    private final JsonMapper mapper;
    private final long maxInterventionalWork;

    public InvocationService(ModelBundle bundle, int reasonCount, JsonMapper mapper) {
        this(bundle, reasonCount, DEFAULT_MAX_INTERVENTIONAL_WORK, mapper);
    }

    /**
     * @param bundle the served model
     * @param reasonCount the k of the top-k reason codes
     * @param maxInterventionalWork the most records × reference rows × model leaves one interventional request may
     *     ask for
     * @param mapper the JSON mapper of responses
     */
    public InvocationService(ModelBundle bundle, int reasonCount, long maxInterventionalWork, JsonMapper mapper) {
        this.bundle = Objects.requireNonNull(bundle, "bundle");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        if (maxInterventionalWork < 1) {
            throw new IllegalArgumentException(
                    "maxInterventionalWork is " + maxInterventionalWork + ", must be at least 1");
        }
        this.maxInterventionalWork = maxInterventionalWork;
        this.parser = new RecordParser(bundle.catalog(), mapper);
        this.explainer = new RowExplainer(bundle.shap(), bundle.manifest().calibration());
        this.assembler = new ResponseAssembler(
                bundle.catalog(),
                bundle.manifest().calibration(),
                new ReasonCodes(bundle.encoder(), reasonCount),
                mapper);
        this.clarify = new ClarifyAssembler(bundle.catalog(), mapper);
        this.original = new OriginalAssembler(bundle.catalog(), mapper);
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
        boolean interactions = options.explanationFormat() != ExplanationFormat.CLARIFY
                && options.entities().contains(Entity.EXPLANATION_SHAP_INTERACTION_VALUES);
        requireOriginalEntities(options);
        ReferencePopulation reference = reference(options, interactions);
        ExplanationBasis basis = reference == null
                ? ExplanationBasis.pathDependent(bundle.manifest().calibration())
                : ExplanationBasis.interventional(reference.set());
        ParsedPayload payload = parser.parse(body, options.format());
        int count = payload.records().size();
        long leaves = bundle.model().forest().numLeaves();
        if (reference != null
                && count > InterventionalLimitException.maxRecords(reference.rows(), leaves, maxInterventionalWork)) {
            throw new InterventionalLimitException(
                    reference.name(), count, reference.rows(), leaves, maxInterventionalWork);
        }
        validate(payload);
        List<double[]> rows = new ArrayList<>(count);
        for (ParsedRecord record : payload.records()) {
            rows.add(bundle.encoder().encode(record.data()));
        }
        List<ExplainedRow> explained = reference == null
                ? explainer.explainAll(rows, interactions)
                : explainer.explainAgainst(rows, reference.shap());
        if (options.explanationFormat() == ExplanationFormat.CLARIFY) {
            List<RowExplanation> explanations =
                    explained.stream().map(ExplainedRow::explanation).toList();
            return new InvocationResult(
                    mapper.writeValueAsBytes(clarify.response(explanations)), ResponseFormat.JSON.mediaType(), count);
        }
        List<ObjectNode> records = new ArrayList<>(count);
        for (int r = 0; r < count; r++) {
            ParsedRecord record = payload.records().get(r);
            records.add(
                    options.explanationFormat() == ExplanationFormat.ORIGINAL
                            ? original.record(record, rows.get(r), explained.get(r), options.entities(), basis)
                            : assembler.record(record, rows.get(r), explained.get(r), options.entities(), basis));
        }
        return new InvocationResult(
                write(records, payload.singleObject(), responseFormat), responseFormat.mediaType(), count);
    }

    /** The original sample's shape holds only the entities it knew; a selection of none of them would be empty. */
    private static void requireOriginalEntities(InvocationOptions options) {
        if (options.explanationFormat() == ExplanationFormat.ORIGINAL
                && options.entities().ordered().stream().noneMatch(OriginalAssembler.ENTITIES::contains)) {
            throw new InvalidOptionException("explanation_format=original holds the original sample's entities ("
                    + OriginalAssembler.ENTITIES.stream()
                            .sorted()
                            .map(Entity::wireName)
                            .collect(Collectors.joining(", "))
                    + "), and entities=" + options.entities().canonical() + " names none of them");
        }
    }

    /**
     * The reference population an interventional request explains against ({@code background} unless it names
     * one), or {@code null} for a path-dependent request; checked before the body is read.
     */
    private ReferencePopulation reference(InvocationOptions options, boolean interactions) {
        if (options.method() != ExplanationMethod.INTERVENTIONAL) {
            return null;
        }
        if (interactions) {
            throw new InvalidOptionException(Entity.EXPLANATION_SHAP_INTERACTION_VALUES.wireName()
                    + " cannot be combined with explanation_method=interventional: this service computes exact"
                    + " interaction values for path-dependent TreeSHAP only, and there are no exact interventional"
                    + " interaction values here; ask for them with explanation_method=path_dependent");
        }
        if (!(bundle.manifest().calibration() instanceof ProbabilityCalibration.None)) {
            throw new InvalidOptionException("explanation_method=interventional is not available for this model: it"
                    + " has a probability calibration ("
                    + bundle.manifest().calibration().method() + "), and the"
                    + " interventional probability view (" + InterventionalShap.PROBABILITY_METHOD + ") is defined on"
                    + " the model's own sigmoid; use explanation_method=path_dependent");
        }
        String name = options.referenceName().orElse(ReferenceSet.BACKGROUND);
        return bundle.reference(name).orElseThrow(() -> new UnknownReferenceException(name, bundle.referenceNames()));
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
