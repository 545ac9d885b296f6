package com.example.credit.explainer.invocation;

import com.example.credit.explainer.explain.ExplanationMethod;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What one invocation asks for, read from its headers.
 *
 * <p>Options come from the Content-Type parameters ({@code text/csv;entities=prediction,reasons}, the original
 * solution's convention) or from {@code X-Amzn-SageMaker-Custom-Attributes} ({@code
 * entities=prediction,reasons;explanation_format=clarify;explanation_method=interventional;reference=approved}); a
 * Content-Type parameter wins over the same custom attribute, and the defaults apply when neither names an option:
 * the configured entities, the standard shape, path-dependent TreeSHAP.
 *
 * @param format how to read the body
 * @param entities what to return for each record
 * @param explanationFormat the response shape
 * @param method the explanation method
 * @param reference the reference population named by {@code reference=}, or {@code null}: interventional
 *     explanations then use {@code background}
 */
public record InvocationOptions(
        RequestFormat format,
        EntitySelection entities,
        ExplanationFormat explanationFormat,
        ExplanationMethod method,
        String reference) {

    /** The Content-Type parameter and custom attribute that select entities. */
    public static final String ENTITIES = "entities";

    /** The Content-Type parameter and custom attribute that select the response shape. */
    public static final String EXPLANATION_FORMAT = "explanation_format";

    /** The Content-Type parameter and custom attribute that select the explanation method. */
    public static final String EXPLANATION_METHOD = "explanation_method";

    /** The Content-Type parameter and custom attribute that name the reference population. */
    public static final String REFERENCE = "reference";

    public InvocationOptions {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(entities, "entities");
        Objects.requireNonNull(explanationFormat, "explanationFormat");
        Objects.requireNonNull(method, "method");
        if (reference != null && method != ExplanationMethod.INTERVENTIONAL) {
            throw new InvalidOptionException("reference=" + reference + " applies to explanation_method="
                    + ExplanationMethod.INTERVENTIONAL.wireName() + " only: " + method.wireName()
                    + " explanations are relative to the training data as the trees saw it, not to a reference set");
        }
    }

    /** Path-dependent options, as every request was before the explanation method could be chosen. */
    public InvocationOptions(RequestFormat format, EntitySelection entities, ExplanationFormat explanationFormat) {
        this(format, entities, explanationFormat, ExplanationMethod.PATH_DEPENDENT, null);
    }

    /** The reference population named by the request, if any. */
    public Optional<String> referenceName() {
        return Optional.ofNullable(reference);
    }

    /**
     * Reads the options of a request.
     *
     * @param contentType the Content-Type header, or {@code null}
     * @param customAttributes the {@code X-Amzn-SageMaker-Custom-Attributes} header, or {@code null}
     * @param defaults the entities to use when the request names none
     * @throws UnsupportedContentTypeException when the content type is absent or not supported
     * @throws UnknownEntityException when an entity name is unknown
     * @throws InvalidOptionException when an option has an unknown value, or a reference without the interventional
     *     method
     */
    public static InvocationOptions resolve(String contentType, String customAttributes, EntitySelection defaults) {
        if (contentType == null || contentType.isBlank()) {
            throw new UnsupportedContentTypeException(
                    "the request has no Content-Type; send one of " + String.join(", ", RequestFormat.supported()));
        }
        List<String> parts = HeaderParameters.split(contentType);
        RequestFormat format = RequestFormat.fromMediaType(parts.get(0));
        Map<String, String> parameters = HeaderParameters.pairs(parts.subList(1, parts.size()));
        Map<String, String> attributes =
                customAttributes == null ? Map.of() : HeaderParameters.pairs(HeaderParameters.split(customAttributes));
        String entities = parameters.getOrDefault(ENTITIES, attributes.get(ENTITIES));
        String shape = parameters.getOrDefault(EXPLANATION_FORMAT, attributes.get(EXPLANATION_FORMAT));
        String method = parameters.getOrDefault(EXPLANATION_METHOD, attributes.get(EXPLANATION_METHOD));
        String reference = parameters.getOrDefault(REFERENCE, attributes.get(REFERENCE));
        return new InvocationOptions(
                format,
                entities == null ? defaults : EntitySelection.parse(entities),
                shape == null ? ExplanationFormat.STANDARD : ExplanationFormat.fromOption(shape),
                method == null ? ExplanationMethod.PATH_DEPENDENT : method(method),
                reference == null ? null : reference(reference));
    }

    private static ExplanationMethod method(String value) {
        String wanted = value.strip().toLowerCase(Locale.ROOT);
        for (ExplanationMethod method : ExplanationMethod.values()) {
            if (method.wireName().equals(wanted)) {
                return method;
            }
        }
        throw new InvalidOptionException(EXPLANATION_METHOD + " '" + value.strip() + "' is not one of "
                + String.join(", ", ExplanationMethod.wireNames()));
    }

    private static String reference(String value) {
        String name = value.strip();
        if (name.isEmpty()) {
            throw new InvalidOptionException(REFERENCE + " is empty; name one of the model's reference sets"
                    + " (GET /model lists them) or leave it out for background");
        }
        return name;
    }
}
