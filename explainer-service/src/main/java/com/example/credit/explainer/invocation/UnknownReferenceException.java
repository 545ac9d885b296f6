package com.example.credit.explainer.invocation;

import java.util.List;

/** A {@code reference=} naming no reference population of the served model (or a model that ships none). */
public class UnknownReferenceException extends InvocationException {

    private final String reference;
    private final List<String> known;

    public UnknownReferenceException(String reference, List<String> known) {
        super(
                known.isEmpty()
                        ? "reference '" + reference
                                + "' is unknown: this model ships no reference sets (its model.json lists"
                                + " none), so explanation_method=interventional is not available; retrain it with a"
                                + " training-service that writes background.jsonl"
                        : "unknown reference '" + reference + "'; this model's reference sets are "
                                + String.join(", ", known));
        this.reference = reference;
        this.known = List.copyOf(known);
    }

    /** The name as the caller spelled it. */
    public String reference() {
        return reference;
    }

    /** The reference sets the served model has. */
    public List<String> known() {
        return known;
    }
}
