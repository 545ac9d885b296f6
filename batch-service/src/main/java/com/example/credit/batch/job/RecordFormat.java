package com.example.credit.batch.job;

import com.example.credit.batch.InvalidJobSpecException;
import java.util.Locale;

/** The three input formats the explainer reads, by the media type of a job's {@code ContentType}. */
public enum RecordFormat {
    /** {@code application/json}: one object per record; a multi-record request is sent as a JSON array. */
    JSON("application/json"),
    /** {@code application/jsonlines}: one object per line. */
    JSON_LINES("application/jsonlines"),
    /** {@code text/csv}: the features in schema order, no header. */
    CSV("text/csv");

    private final String mediaType;

    RecordFormat(String mediaType) {
        this.mediaType = mediaType;
    }

    /** The bare media type. */
    public String mediaType() {
        return mediaType;
    }

    /** Whether records are JSON objects (JSON and JSON Lines) rather than CSV rows. */
    public boolean isJson() {
        return this != CSV;
    }

    /**
     * The format of a content type; parameters such as {@code ;entities=prediction} are allowed and ignored here.
     *
     * @throws InvalidJobSpecException naming {@code ContentType} when the media type is not one of the three
     */
    public static RecordFormat of(String contentType) {
        String bare = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        for (RecordFormat format : values()) {
            if (format.mediaType.equals(bare)) {
                return format;
            }
        }
        throw new InvalidJobSpecException(
                "ContentType", contentType, "must be application/json, application/jsonlines or text/csv");
    }
}
