package com.example.credit.batch.runs;

import static org.assertj.core.api.Assertions.assertThat;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads an export ({@link RunExport}) as the page does: the JSON snapshot in its {@code dashboard-export} element. */
public final class ExportFile {

    private static final String START = "<script type=\"application/json\" id=\"" + RunExport.SNAPSHOT_ID + "\">";

    private ExportFile() {}

    /** The snapshot embedded in the page. */
    public static JsonNode snapshot(String html) {
        int from = html.indexOf(START);
        assertThat(from).as("the export's snapshot element").isNotNegative();
        from += START.length();
        return JsonMapper.shared().readTree(html.substring(from, html.indexOf("</script>", from)));
    }
}
