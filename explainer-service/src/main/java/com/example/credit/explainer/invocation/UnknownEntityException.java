package com.example.credit.explainer.invocation;

import java.util.List;

/** An {@code entities=} list naming an entity the service does not produce. */
public class UnknownEntityException extends InvocationException {

    private final String entity;

    public UnknownEntityException(String entity, List<String> allowed) {
        super("unknown entity '" + entity + "'; allowed entities are " + String.join(", ", allowed));
        this.entity = entity;
    }

    /** The unknown name as the caller spelled it. */
    public String entity() {
        return entity;
    }
}
