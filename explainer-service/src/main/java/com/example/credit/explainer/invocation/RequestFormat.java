package com.example.credit.explainer.invocation;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The request body formats {@code /invocations} reads, by media type. */
public enum RequestFormat {
    /** One application object, or an array of them. */
    JSON("application/json"),
    /** One application object per line. */
    JSON_LINES("application/jsonlines"),
    /** One application per line, the features in schema order, no header (a header line of the names is skipped). */
    CSV("text/csv");

    private static final Map<String, RequestFormat> BY_MEDIA_TYPE = Map.of(
            "application/json", JSON,
            "application/jsonlines", JSON_LINES,
            "application/x-jsonlines", JSON_LINES,
            "application/jsonl", JSON_LINES,
            "text/csv", CSV);

    private final String mediaType;

    RequestFormat(String mediaType) {
        this.mediaType = mediaType;
    }

    /** The canonical media type. */
    public String mediaType() {
        return mediaType;
    }

    /**
     * The format of a bare media type (no parameters).
     *
     * @throws UnsupportedContentTypeException when it is none of the supported ones
     */
    public static RequestFormat fromMediaType(String mediaType) {
        RequestFormat format = BY_MEDIA_TYPE.get(mediaType.strip().toLowerCase(Locale.ROOT));
        if (format == null) {
            throw new UnsupportedContentTypeException("Content-Type '" + mediaType.strip()
                    + "' is not supported; send one of " + String.join(", ", supported()));
        }
        return format;
    }

    /** The canonical media types, for messages and documentation. */
    public static List<String> supported() {
        return List.of(JSON.mediaType, JSON_LINES.mediaType, CSV.mediaType);
    }
}
