package com.example.credit.explainer.invocation;

import java.util.List;
import java.util.stream.Collectors;

/** Records that break the data schema; carries every violation of every record. */
public class InvalidRecordsException extends InvocationException {

    private final transient List<RecordViolation> violations;

    public InvalidRecordsException(List<RecordViolation> violations) {
        super(summary(violations));
        this.violations = List.copyOf(violations);
    }

    /** The violations, by record then field. */
    public List<RecordViolation> violations() {
        return violations;
    }

    private static String summary(List<RecordViolation> violations) {
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("an invalid-records failure needs at least one violation");
        }
        String shown =
                violations.stream().limit(5).map(RecordViolation::message).collect(Collectors.joining("; "));
        return violations.size() > 5 ? shown + "; and " + (violations.size() - 5) + " more" : shown;
    }
}
