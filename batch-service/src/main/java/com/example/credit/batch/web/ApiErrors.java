package com.example.credit.batch.web;

import com.example.credit.batch.InvalidJobSpecException;
import com.example.credit.batch.TransformException;
import com.example.credit.batch.jobs.JobConflictException;
import com.example.credit.batch.jobs.UnknownJobException;
import com.example.credit.batch.runs.BadQueryException;
import com.example.credit.batch.runs.RunIndexException;
import com.example.credit.batch.runs.UnknownApplicantException;
import com.example.credit.batch.storage.StorageException;
import java.net.URI;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * The API's errors as RFC 9457 problem details with typed URIs: a bad query is a 400 naming the term and the rule,
 * an unknown run, applicant or job a 404, an index that cannot be read a 500 that says to index the run again, a run
 * whose storage fails (S3 unreachable, access denied) a 500 naming the location and the cause; a bad job a 400 naming
 * the field, a stop of an ended job or a second job on an output in use a 409.
 */
@RestControllerAdvice
// Before Spring's own problem-detail handler (spring.mvc.problemdetails.enabled), which would answer the type
// mismatch of a parameter with its generic text.
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ApiErrors {

    static final String TYPES = "https://credit-decisions.example/problems/";

    @ExceptionHandler(BadQueryException.class)
    ProblemDetail badQuery(BadQueryException e) {
        return problem(HttpStatus.BAD_REQUEST, "bad-query", "Bad query", e.getMessage());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail badParameter(MethodArgumentTypeMismatchException e) {
        return problem(
                HttpStatus.BAD_REQUEST,
                "bad-query",
                "Bad query",
                "parameter " + e.getName() + " = '" + e.getValue() + "' is not a valid "
                        + (e.getRequiredType() == null
                                ? "value"
                                : e.getRequiredType().getSimpleName()));
    }

    @ExceptionHandler(UnknownRunException.class)
    ProblemDetail unknownRun(UnknownRunException e) {
        return problem(HttpStatus.NOT_FOUND, "unknown-run", "Unknown run", e.getMessage());
    }

    @ExceptionHandler(UnknownApplicantException.class)
    ProblemDetail unknownApplicant(UnknownApplicantException e) {
        return problem(HttpStatus.NOT_FOUND, "unknown-applicant", "Unknown applicant", e.getMessage());
    }

    @ExceptionHandler(InvalidJobSpecException.class)
    ProblemDetail badJob(InvalidJobSpecException e) {
        return problem(HttpStatus.BAD_REQUEST, "bad-job", "Bad job", e.getMessage());
    }

    @ExceptionHandler(UnknownJobException.class)
    ProblemDetail unknownJob(UnknownJobException e) {
        return problem(HttpStatus.NOT_FOUND, "unknown-job", "Unknown job", e.getMessage());
    }

    @ExceptionHandler(JobConflictException.class)
    ProblemDetail jobConflict(JobConflictException e) {
        return problem(HttpStatus.CONFLICT, "job-conflict", "The job's state does not allow it", e.getMessage());
    }

    @ExceptionHandler(TransformException.class)
    ProblemDetail backendUnusable(TransformException e) {
        return problem(
                HttpStatus.SERVICE_UNAVAILABLE, "backend", "The back end cannot take the request", e.getMessage());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadableBody(HttpMessageNotReadableException e) {
        return problem(HttpStatus.BAD_REQUEST, "bad-job", "Bad job", "the request body is not JSON");
    }

    @ExceptionHandler(RunIndexException.class)
    ProblemDetail unreadableIndex(RunIndexException e) {
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "run-index", "The run's index cannot be used", e.getMessage());
    }

    @ExceptionHandler(com.example.credit.batch.ReportException.class)
    ProblemDetail unreadableRun(com.example.credit.batch.ReportException e) {
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "run-data", "The run's files cannot be read", e.getMessage());
    }

    @ExceptionHandler(StorageException.class)
    ProblemDetail unreadableStorage(StorageException e) {
        return problem(
                HttpStatus.INTERNAL_SERVER_ERROR, "run-storage", "The run's storage cannot be read", e.getMessage());
    }

    private static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPES + type));
        problem.setTitle(title);
        return problem;
    }
}
