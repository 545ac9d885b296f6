package com.example.credit.explainer.web;

import com.example.credit.explainer.config.ExplainerProperties;
import com.example.credit.explainer.invocation.EntitySelection;
import com.example.credit.explainer.invocation.InvocationException;
import com.example.credit.explainer.invocation.InvocationOptions;
import com.example.credit.explainer.invocation.InvocationResult;
import com.example.credit.explainer.invocation.InvocationService;
import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Enumeration;
import java.util.Locale;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /invocations}: SageMaker's inference route. Only adapts HTTP: reads the body under the payload
 * limit, hands it with its headers to {@link InvocationService}, and times the call. Content types are
 * negotiated by the service itself because SageMaker's {@code entities=a,b} parameter is not a valid media
 * type parameter for Spring.
 */
@RestController
public class InvocationController {

    /** The SageMaker runtime header that carries {@code CustomAttributes}. */
    public static final String CUSTOM_ATTRIBUTES = "X-Amzn-SageMaker-Custom-Attributes";

    private final InvocationService service;
    private final EntitySelection defaultEntities;
    private final long maxPayloadBytes;
    private final InvocationMetrics metrics;

    public InvocationController(
            InvocationService service,
            EntitySelection defaultEntities,
            ExplainerProperties properties,
            MeterRegistry registry) {
        this.service = service;
        this.defaultEntities = defaultEntities;
        this.maxPayloadBytes = properties.maxPayloadBytes();
        this.metrics = new InvocationMetrics(registry);
    }

    @Operation(
            summary = "Predict and explain credit applications",
            description = "Body: application/json (an object or an array), application/jsonlines or text/csv "
                    + "(features in schema order). Choose entities with a Content-Type parameter "
                    + "(application/json;entities=prediction,reasons) or the custom attribute "
                    + "entities=...; explanation_format=clarify gives the SageMaker Clarify shape, "
                    + "explanation_format=original the original sample's shape. explanation_method=interventional "
                    + "(with reference=<name>, default background) explains against a reference population "
                    + "shipped with the model instead of path-dependent TreeSHAP.",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            content = {
                                @Content(mediaType = "application/json"),
                                @Content(mediaType = "application/jsonlines"),
                                @Content(mediaType = "text/csv")
                            }),
            responses = {
                @ApiResponse(responseCode = "200", description = "One result per record"),
                @ApiResponse(
                        responseCode = "400",
                        description = "Invalid application, body, entity or option; unknown reference set; "
                                + "interventional work over the per-request limit"),
                @ApiResponse(responseCode = "406", description = "Accept allows no producible type"),
                @ApiResponse(responseCode = "413", description = "Body over the payload limit"),
                @ApiResponse(responseCode = "415", description = "Unsupported Content-Type")
            })
    @Parameter(in = ParameterIn.HEADER, name = HttpHeaders.CONTENT_TYPE, schema = @Schema(type = "string"))
    @Parameter(in = ParameterIn.HEADER, name = HttpHeaders.ACCEPT, schema = @Schema(type = "string"))
    @Parameter(
            in = ParameterIn.HEADER,
            name = CUSTOM_ATTRIBUTES,
            description = "entities=a,b,c;explanation_format=standard|clarify|original;"
                    + "explanation_method=path_dependent|interventional;reference=<name>",
            schema = @Schema(type = "string"))
    @PostMapping("/invocations")
    public void invoke(HttpServletRequest request, HttpServletResponse response) throws IOException {
        long start = System.nanoTime();
        // The headers are read here, not bound by @RequestHeader: Spring's binding made a data binder and ran a
        // type conversion for each of the three on every request (about 5% of a one-record request's server CPU).
        String contentType = header(request, HttpHeaders.CONTENT_TYPE);
        String accept = header(request, HttpHeaders.ACCEPT);
        String customAttributes = header(request, CUSTOM_ATTRIBUTES);
        String entities = InvocationMetrics.UNRESOLVED;
        String format = InvocationMetrics.UNRESOLVED;
        String method = InvocationMetrics.UNRESOLVED;
        try {
            byte[] body = RequestBodies.read(request.getInputStream(), request.getContentLengthLong(), maxPayloadBytes);
            InvocationOptions options = InvocationOptions.resolve(contentType, customAttributes, defaultEntities);
            entities = options.entities().canonical();
            format = options.format().name().toLowerCase(Locale.ROOT);
            method = options.method().wireName();
            InvocationResult result = service.invoke(body, options, accept);
            metrics.record(start, entities, format, method, "success");
            // Written here rather than returned as a ResponseEntity: the bytes and headers are the same, without
            // Spring's per-request search for a message converter (a tenth of a one-record request's CPU).
            response.setStatus(HttpServletResponse.SC_OK);
            response.setContentType(result.mediaType());
            response.setContentLength(result.body().length);
            response.getOutputStream().write(result.body());
        } catch (InvocationException e) {
            metrics.record(start, entities, format, method, "client_error");
            throw e;
        }
    }

    /**
     * A header's value as {@code @RequestHeader String} gave it: {@code null} when absent, the lines of a header sent
     * more than once joined with commas (an {@code Accept} split over two lines is one list).
     */
    private static String header(HttpServletRequest request, String name) {
        Enumeration<String> values = request.getHeaders(name);
        if (values == null || !values.hasMoreElements()) {
            return null;
        }
        String first = values.nextElement();
        if (!values.hasMoreElements()) {
            return first;
        }
        StringBuilder joined = new StringBuilder(first);
        while (values.hasMoreElements()) {
            joined.append(',').append(values.nextElement());
        }
        return joined.toString();
    }
}
