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
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

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
    /** Skips the full schema validator for records that certainly conform; null when the schema has no fast path. */
    private final ConformanceCheck conformance;
    // The bytes a record's response object took last, per entity selection (its mask) and original shape or not:
    // the next response's buffer is sized by it with an eighth to spare, so that it seldom grows (a grow allocates
    // twice the size and copies what was written: a twentieth of a one-record request) and a small answer of many
    // records does not take a buffer of many times its size. Threads only race to make an estimate a request older.
    private final int[] bytesPerRecord = new int[2 << Entity.values().length];

    public InvocationService(ModelBundle bundle, int reasonCount, JsonMapper mapper) {
        this(bundle, reasonCount, DEFAULT_MAX_INTERVENTIONAL_WORK, mapper);
    }

    /**
     * @param bundle the served model
     * @param reasonCount the k of the top-k reason codes
     * @param maxInterventionalWork the most records × reference rows × model leaves one interventional request may
     *     ask for
     * @param mapper the JSON mapper of requests and responses; responses write doubles with Jackson's fast writer
     *     ({@link #withFastDoubles})
     */
    public InvocationService(ModelBundle bundle, int reasonCount, long maxInterventionalWork, JsonMapper mapper) {
        this.bundle = Objects.requireNonNull(bundle, "bundle");
        this.mapper = withFastDoubles(Objects.requireNonNull(mapper, "mapper"));
        if (maxInterventionalWork < 1) {
            throw new IllegalArgumentException(
                    "maxInterventionalWork is " + maxInterventionalWork + ", must be at least 1");
        }
        this.maxInterventionalWork = maxInterventionalWork;
        this.conformance =
                ConformanceCheck.of(bundle.catalog().dataSchemaJson()).orElse(null);
        this.parser = new RecordParser(
                bundle.catalog(),
                mapper,
                conformance == null
                        ? null
                        : conformance.streamed(bundle.catalog()).orElse(null));
        this.explainer = new RowExplainer(bundle.shap(), bundle.manifest().calibration());
        this.assembler = new ResponseAssembler(
                bundle.catalog(), bundle.manifest().calibration(), new ReasonCodes(bundle.encoder(), reasonCount));
        this.clarify = new ClarifyAssembler(bundle.catalog());
        this.original = new OriginalAssembler(bundle.catalog());
    }

    /**
     * The mapper's configuration with doubles written by Jackson's fast writer: the shortest digits that read back as
     * the same double, the closest to it of those, in {@code Double.toString}'s layout — Java 17's own digits but
     * where those are a digit longer than needed or not the closest of their length (under 1% of random doubles) —
     * written straight into the generator's buffer, several times faster than {@code Double.toString}.
     */
    static JsonMapper withFastDoubles(JsonMapper mapper) {
        return mapper.rebuild()
                .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
                .build();
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
            double[] encoded = record.encoded();
            rows.add(encoded != null ? encoded : bundle.encoder().encode(record.data()));
        }
        List<ExplainedRow> explained = reference == null
                ? explainer.explainAll(rows, interactions)
                : explainer.explainAgainst(rows, reference.shap());
        if (options.explanationFormat() == ExplanationFormat.CLARIFY) {
            List<RowExplanation> explanations =
                    explained.stream().map(ExplainedRow::explanation).toList();
            ByteArrayOutputStream out = new ByteArrayOutputStream(1024 + 1024 * count);
            try (JsonGenerator generator = mapper.createGenerator(out)) {
                clarify.write(generator, explanations);
            }
            return new InvocationResult(out.toByteArray(), ResponseFormat.JSON.mediaType(), count);
        }
        boolean originalShape = options.explanationFormat() == ExplanationFormat.ORIGINAL;
        List<Entity> ordered = options.entities().ordered();
        RecordWriter writer = (generator, r) -> {
            ParsedRecord record = payload.records().get(r);
            if (originalShape) {
                original.write(generator, record, rows.get(r), explained.get(r), options.entities(), basis);
            } else {
                assembler.write(generator, record, rows.get(r), explained.get(r), ordered, basis);
            }
        };
        return new InvocationResult(
                write(
                        writer,
                        count,
                        payload.singleObject(),
                        responseFormat,
                        options.entities().mask() << 1 | (originalShape ? 1 : 0)),
                responseFormat.mediaType(),
                count);
    }

    /** Writes the response object of the record at an index. */
    @FunctionalInterface
    private interface RecordWriter {
        void write(JsonGenerator generator, int index);
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
            if (record.encoded() != null) {
                continue; // read straight into its row because it certainly conforms
            }
            if (conformance != null && conformance.certainlyValid(record.data())) {
                continue; // the validator would find nothing: every value is an in-range integer or allowed string
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
            if (beyondLongRange(value)) {
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

    /**
     * Whether a number lies outside the long range. Not {@code !canConvertToLong()}: Jackson 3 also answers
     * {@code false} for a fraction within range (571.5), which would be reported as beyond the maximum although it
     * breaks the integer type (the validator says so).
     */
    private static boolean beyondLongRange(JsonNode value) {
        if (!value.isNumber()) {
            return false;
        }
        if (value.isIntegralNumber()) {
            return !value.canConvertToLong();
        }
        // A long holds -2^63 up to 2^63 - 1; a double below 2^63 that is not below -2^63 converts without overflow.
        double number = value.asDouble();
        return !(number >= -0x1p63 && number < 0x1p63);
    }

    /**
     * The response body: JSON Lines (one generator per line, so no root-value separator), one object, or an array;
     * written by the generator as the records' objects are produced, with no tree in between.
     */
    private byte[] write(RecordWriter writer, int count, boolean singleObject, ResponseFormat format, int shape) {
        int estimate = bytesPerRecord[shape] > 0 ? bytesPerRecord[shape] : 2048;
        ByteArrayOutputStream out = new ByteArrayOutputStream(
                (int) Math.min(Integer.MAX_VALUE - 8, 1024 + (long) (estimate + estimate / 8) * count));
        writeRecords(out, writer, count, singleObject, format);
        bytesPerRecord[shape] = Math.max(1, out.size() / Math.max(1, count));
        return out.toByteArray();
    }

    private void writeRecords(
            ByteArrayOutputStream out, RecordWriter writer, int count, boolean singleObject, ResponseFormat format) {
        if (format == ResponseFormat.JSON_LINES) {
            for (int r = 0; r < count; r++) {
                try (JsonGenerator generator = mapper.createGenerator(out)) {
                    writer.write(generator, r);
                }
                out.write('\n');
            }
            return;
        }
        try (JsonGenerator generator = mapper.createGenerator(out)) {
            if (singleObject) {
                writer.write(generator, 0);
            } else {
                generator.writeStartArray();
                for (int r = 0; r < count; r++) {
                    writer.write(generator, r);
                }
                generator.writeEndArray();
            }
        }
    }
}
