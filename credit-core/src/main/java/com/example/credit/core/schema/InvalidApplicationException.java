package com.example.credit.core.schema;

import com.example.credit.core.CreditCoreException;
import java.util.List;
import java.util.stream.Collectors;

/** An application (or label) that does not conform to its schema; carries every violation found. */
public class InvalidApplicationException extends CreditCoreException {

    private final transient List<Violation> violations;

    public InvalidApplicationException(List<Violation> violations) {
        super(violations.stream().map(Violation::message).collect(Collectors.joining("; ")));
        this.violations = List.copyOf(violations);
    }

    /** The violations, in the order the validator found them (sorted by field). */
    public List<Violation> violations() {
        return violations;
    }
}
