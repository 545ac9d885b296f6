package com.example.credit.explainer.invocation;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Records that break the data schema; carries every violation of every record, or the first ones when the
 * request has too many to list ({@link #truncated()}).
 */
public class InvalidRecordsException extends InvocationException {

    private final transient List<RecordViolation> violations;
    private final boolean truncated;

    public InvalidRecordsException(List<RecordViolation> violations) {
        this(violations, false);
    }

    /**
     * @param violations the violations found
     * @param truncated whether validation stopped before the last record, so that more may exist
     */
    public InvalidRecordsException(List<RecordViolation> violations, boolean truncated) {
        super(summary(violations, truncated));
        this.violations = List.copyOf(violations);
        this.truncated = truncated;
    }

    /** Whether the list stops before the last record of the request. */
    public boolean truncated() {
        return truncated;
    }

    /** The violations, by record then field. */
    public List<RecordViolation> violations() {
        return violations;
    }

    private static String summary(List<RecordViolation> violations, boolean truncated) {
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("an invalid-records failure needs at least one violation");
        }
        String shown =
                violations.stream().limit(5).map(RecordViolation::message).collect(Collectors.joining("; "));
        if (truncated) {
            return shown + "; and more: validation stopped after " + violations.size()
                    + " violations, fix these and send again";
        }
        return violations.size() > 5 ? shown + "; and " + (violations.size() - 5) + " more" : shown;
    }
}
