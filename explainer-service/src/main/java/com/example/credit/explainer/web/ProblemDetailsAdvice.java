package com.example.credit.explainer.web;

import com.example.credit.core.schema.InvalidApplicationException;
import com.example.credit.explainer.config.ExplainerProperties;
import com.example.credit.explainer.invocation.Entity;
import com.example.credit.explainer.invocation.InterventionalLimitException;
import com.example.credit.explainer.invocation.InvalidOptionException;
import com.example.credit.explainer.invocation.InvalidRecordsException;
import com.example.credit.explainer.invocation.MalformedPayloadException;
import com.example.credit.explainer.invocation.NotAcceptableException;
import com.example.credit.explainer.invocation.PayloadTooLargeException;
import com.example.credit.explainer.invocation.RecordViolation;
import com.example.credit.explainer.invocation.RequestFormat;
import com.example.credit.explainer.invocation.UnknownEntityException;
import com.example.credit.explainer.invocation.UnknownReferenceException;
import com.example.credit.explainer.invocation.UnsupportedContentTypeException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every failure into an RFC 9457 problem detail ({@code application/problem+json}). The service's own
 * exceptions get a problem type, a title and extension members that name what was wrong (field and rule, line,
 * allowed values); Spring MVC's own failures (unknown route, wrong method) come through the base class.
 */
@RestControllerAdvice
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final String TYPE_PREFIX = "urn:credit-explainer:problem:";

    private final ExplainerProperties properties;

    public ProblemDetailsAdvice(ExplainerProperties properties) {
        this.properties = properties;
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> invalidRecords(InvalidRecordsException e) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-application", "Invalid application", e);
        problem.setProperty(
                "fields",
                e.violations().stream().map(RecordViolation::field).distinct().toList());
        problem.setProperty(
                "violations",
                e.violations().stream().map(ProblemDetailsAdvice::toMap).toList());
        if (e.truncated()) {
            problem.setProperty("violations_truncated", true);
        }
        return respond(problem);
    }

    /** Defensive: the validator runs first, so the encoder should never see an invalid application. */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> invalidApplication(InvalidApplicationException e) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-application", "Invalid application", e);
        problem.setProperty(
                "fields", e.violations().stream().map(v -> v.field()).distinct().toList());
        return respond(problem);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> malformed(MalformedPayloadException e) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "malformed-body", "Malformed request body", e);
        if (e.line() > 0) {
            problem.setProperty("line", e.line());
        }
        return respond(problem);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> unknownEntity(UnknownEntityException e) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "unknown-entity", "Unknown entity", e);
        problem.setProperty("entity", e.entity());
        problem.setProperty("allowed_entities", Entity.wireNames());
        return respond(problem);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> invalidOption(InvalidOptionException e) {
        return respond(problem(HttpStatus.BAD_REQUEST, "invalid-option", "Invalid request option", e));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> unknownReference(UnknownReferenceException e) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "unknown-reference", "Unknown reference set", e);
        problem.setProperty("reference", e.reference());
        problem.setProperty("known_references", e.known());
        return respond(problem);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> interventionalLimit(InterventionalLimitException e) {
        ProblemDetail problem =
                problem(HttpStatus.BAD_REQUEST, "interventional-limit", "Too much interventional work", e);
        problem.setProperty("records", e.records());
        problem.setProperty("reference_rows", e.referenceRows());
        problem.setProperty("max_interventional_work", e.maxWork());
        problem.setProperty("max_records", e.maxRecords());
        return respond(problem);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> unsupportedContentType(UnsupportedContentTypeException e) {
        ProblemDetail problem =
                problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-content-type", "Unsupported Content-Type", e);
        problem.setProperty("supported_content_types", RequestFormat.supported());
        return respond(problem);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> notAcceptable(NotAcceptableException e) {
        ProblemDetail problem = problem(HttpStatus.NOT_ACCEPTABLE, "not-acceptable", "Not acceptable", e);
        problem.setProperty("supported_accept", List.of("application/json", "application/jsonlines"));
        return respond(problem);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> payloadTooLarge(PayloadTooLargeException e) {
        ProblemDetail problem = problem(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "Payload too large", e);
        problem.setProperty("max_payload_mb", properties.maxPayloadMb());
        return respond(problem);
    }

    private static ProblemDetail problem(HttpStatus status, String type, String title, Exception e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, e.getMessage());
        problem.setType(URI.create(TYPE_PREFIX + type));
        problem.setTitle(title);
        return problem;
    }

    /**
     * The problem media type is set explicitly so that the error is readable even when the Accept header asked
     * for something else (as a client that gets a 406 did).
     */
    private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    private static Map<String, Object> toMap(RecordViolation violation) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("record", violation.record());
        if (violation.line() > 0) {
            map.put("line", violation.line());
        }
        map.put("field", violation.field());
        map.put("rule", violation.rule());
        map.put("message", violation.message());
        return map;
    }
}
