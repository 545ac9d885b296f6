package com.example.credit.explainer.invocation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** The response body formats {@code /invocations} writes, and the Accept negotiation between them. */
public enum ResponseFormat {
    /** One object for a single-object request, otherwise an array with one element per record. */
    JSON("application/json"),
    /** One object per line, one line per record, in request order. */
    JSON_LINES("application/jsonlines");

    private final String mediaType;

    ResponseFormat(String mediaType) {
        this.mediaType = mediaType;
    }

    /** The media type written in the response's Content-Type. */
    public String mediaType() {
        return mediaType;
    }

    /**
     * Chooses the response format for an Accept header.
     *
     * <p>Without an Accept header, or with a wildcard, JSON Lines requests get JSON Lines and everything else
     * gets JSON; the Clarify shape is always JSON (the original sample's shape is per record, like the standard one). Media ranges are tried by quality, then in header order.
     *
     * @param accept the Accept header, or {@code null}
     * @param request the request body's format
     * @param explanationFormat the response shape asked for
     * @throws NotAcceptableException when the header allows nothing the service can write
     */
    public static ResponseFormat negotiate(String accept, RequestFormat request, ExplanationFormat explanationFormat) {
        ResponseFormat preferred = explanationFormat != ExplanationFormat.CLARIFY && request == RequestFormat.JSON_LINES
                ? JSON_LINES
                : JSON;
        if (accept == null || accept.isBlank()) {
            return preferred;
        }
        for (MediaRange range : ranges(accept)) {
            ResponseFormat chosen = range.match(preferred);
            if (chosen == JSON_LINES && explanationFormat == ExplanationFormat.CLARIFY) {
                continue;
            }
            if (chosen != null) {
                return chosen;
            }
        }
        throw new NotAcceptableException("Accept '" + accept.strip() + "' allows none of the response types this "
                + (explanationFormat == ExplanationFormat.CLARIFY
                        ? "request can get: application/json (the Clarify shape is JSON only)"
                        : "service writes: application/json, application/jsonlines"));
    }

    private static List<MediaRange> ranges(String accept) {
        List<MediaRange> ranges = new ArrayList<>();
        String[] items = accept.split(",");
        for (int i = 0; i < items.length; i++) {
            List<String> parts = HeaderParameters.split(items[i]);
            String type = parts.get(0).toLowerCase(Locale.ROOT);
            String q = HeaderParameters.pairs(parts.subList(1, parts.size())).get("q");
            double quality = 1;
            if (q != null) {
                try {
                    quality = Double.parseDouble(q);
                } catch (NumberFormatException e) {
                    throw new NotAcceptableException("Accept '" + accept.strip() + "' has the quality '" + q
                            + "', which must be a number between 0 and 1");
                }
            }
            if (quality > 0 && !type.isEmpty()) {
                ranges.add(new MediaRange(type, quality, i));
            }
        }
        ranges.sort(Comparator.comparingDouble(MediaRange::quality).reversed().thenComparingInt(MediaRange::order));
        return ranges;
    }

    private record MediaRange(String type, double quality, int order) {

        ResponseFormat match(ResponseFormat preferred) {
            return switch (type) {
                case "*/*", "application/*" -> preferred;
                case "application/json" -> JSON;
                case "application/jsonlines", "application/x-jsonlines", "application/jsonl" -> JSON_LINES;
                default -> null;
            };
        }
    }
}
