package com.example.credit.explainer.invocation;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one invocation asks for, read from its headers.
 *
 * <p>Options come from the Content-Type parameters ({@code text/csv;entities=prediction,reasons}, the original
 * solution's convention) or from {@code X-Amzn-SageMaker-Custom-Attributes} ({@code
 * entities=prediction,reasons;explanation_format=clarify}); a Content-Type parameter wins over the same
 * custom attribute, and the configured default applies when neither names the entities.
 *
 * @param format how to read the body
 * @param entities what to return for each record
 * @param explanationFormat the response shape
 */
public record InvocationOptions(RequestFormat format, EntitySelection entities, ExplanationFormat explanationFormat) {

    /** The Content-Type parameter and custom attribute that select entities. */
    public static final String ENTITIES = "entities";

    /** The Content-Type parameter and custom attribute that select the response shape. */
    public static final String EXPLANATION_FORMAT = "explanation_format";

    public InvocationOptions {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(entities, "entities");
        Objects.requireNonNull(explanationFormat, "explanationFormat");
    }

    /**
     * Reads the options of a request.
     *
     * @param contentType the Content-Type header, or {@code null}
     * @param customAttributes the {@code X-Amzn-SageMaker-Custom-Attributes} header, or {@code null}
     * @param defaults the entities to use when the request names none
     * @throws UnsupportedContentTypeException when the content type is absent or not supported
     * @throws UnknownEntityException when an entity name is unknown
     * @throws InvalidOptionException when an option has an unknown value
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
        return new InvocationOptions(
                format,
                entities == null ? defaults : EntitySelection.parse(entities),
                shape == null ? ExplanationFormat.STANDARD : ExplanationFormat.fromOption(shape));
    }
}
