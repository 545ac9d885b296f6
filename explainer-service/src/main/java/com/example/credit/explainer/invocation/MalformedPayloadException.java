package com.example.credit.explainer.invocation;

/** A body that cannot be read as its content type says (bad JSON, a CSV line with the wrong column count...). */
public class MalformedPayloadException extends InvocationException {

    private final int line;

    /**
     * @param line the 1-based line of the body where the problem is, or 0 when it concerns the whole body
     * @param message what is wrong, naming the line and the rule
     */
    public MalformedPayloadException(int line, String message) {
        super(message);
        this.line = line;
    }

    public MalformedPayloadException(int line, String message, Throwable cause) {
        super(message, cause);
        this.line = line;
    }

    /** The 1-based line of the problem, 0 when it concerns the whole body. */
    public int line() {
        return line;
    }
}
