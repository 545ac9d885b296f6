package com.example.credit.testsupport.golden;

import java.util.Objects;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One held-out row of the golden bundle, as the ETL wrote it.
 *
 * @param rowId the row id that joins data and label
 * @param dataLine the data line: {@code row_id} and the 20 model features, one JSON object
 * @param defaulted the label ({@code credit__default})
 */
public record GoldenRow(String rowId, String dataLine, boolean defaulted) {

    public GoldenRow {
        Objects.requireNonNull(rowId, "rowId");
        Objects.requireNonNull(dataLine, "dataLine");
    }

    /** The application as a client sends it: the data line without {@code row_id}, a new node on every call. */
    public ObjectNode application() {
        ObjectNode application = (ObjectNode) JsonMapper.shared().readTree(dataLine);
        application.remove("row_id");
        return application;
    }

    /** The label line as the ETL writes it: {@code {"row_id":...,"credit__default":...}}. */
    public String labelLine() {
        ObjectNode label = JsonMapper.shared().createObjectNode();
        label.put("row_id", rowId);
        label.put("credit__default", defaulted);
        return label.toString();
    }
}
