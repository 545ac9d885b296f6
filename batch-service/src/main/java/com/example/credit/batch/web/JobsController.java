package com.example.credit.batch.web;

import com.example.credit.batch.InvalidJobSpecException;
import com.example.credit.batch.job.TransformJobJson;
import com.example.credit.batch.jobs.JobBackend;
import com.example.credit.batch.jobs.JobManager;
import com.example.credit.batch.jobs.JobRecord;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The jobs API: submit a transform job ({@code {"backend": "local"|"aws", "job": <CreateTransformJob JSON>,
 * "endpoint": <explainer URL, local jobs>}}), list jobs, one job with its progress, and stop one. The state-changing
 * routes need the CSRF token ({@code GET /api/csrf}, sent back in its header).
 */
@RestController
@RequestMapping("/api")
public class JobsController {

    private static final JsonMapper MAPPER = JsonMapper.shared();

    private final JobManager jobs;

    public JobsController(JobManager jobs) {
        this.jobs = jobs;
    }

    /** Submits a job; 202 with its record and its URL in Location. */
    @PostMapping("/jobs")
    public ResponseEntity<JsonNode> submit(@RequestBody JsonNode request) {
        if (!request.isObject()) {
            throw new InvalidJobSpecException("request", request.toString(), "must be a JSON object");
        }
        for (String field : request.propertyNames()) {
            if (!List.of("backend", "job", "endpoint").contains(field)) {
                throw new InvalidJobSpecException(
                        field,
                        request.get(field).toString(),
                        "is not a field of a job" + " submission; the fields are backend, job and endpoint");
            }
        }
        JobBackend backend = JobBackend.parse(request.path("backend").asString("local"));
        String endpoint =
                request.path("endpoint").isString() ? request.path("endpoint").asString() : null;
        URI explainer;
        try {
            explainer = endpoint == null ? null : URI.create(endpoint);
        } catch (IllegalArgumentException e) {
            throw new InvalidJobSpecException("endpoint", endpoint, "must be a URL: " + e.getMessage());
        }
        JobRecord record = jobs.submit(backend, TransformJobJson.read(request.get("job")), explainer);
        return ResponseEntity.accepted()
                .location(URI.create("/api/jobs/" + record.id()))
                .body(record.toJson(MAPPER));
    }

    /** Every job, the newest first. */
    @GetMapping("/jobs")
    public List<JsonNode> list() {
        return jobs.list().stream()
                .map(record -> (JsonNode) record.toJson(MAPPER))
                .toList();
    }

    /** One job: state, progress (records done and total, rate, time left, error lines), errors and notes. */
    @GetMapping("/jobs/{id}")
    public JsonNode job(@PathVariable String id) {
        return jobs.get(id).toJson(MAPPER);
    }

    /** Stops a job: 202 with its record, STOPPED (it was queued) or STOPPING. */
    @DeleteMapping("/jobs/{id}")
    public ResponseEntity<JsonNode> stop(@PathVariable String id) {
        return ResponseEntity.accepted().body(jobs.stop(id).toJson(MAPPER));
    }

    /** The CSRF token the state-changing routes need, and the header to send it in. */
    @GetMapping("/csrf")
    public Map<String, String> csrf(CsrfToken token) {
        return Map.of("header_name", token.getHeaderName(), "token", token.getToken());
    }
}
