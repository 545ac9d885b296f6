package com.example.credit.batch.report;

import com.example.credit.batch.ReportException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import tools.jackson.databind.json.JsonMapper;

/**
 * Renders a {@link ReportModel} into one HTML page: the template's placeholders take the page title, the
 * ECharts library (inlined from its WebJar, so the page needs no network) and the model as JSON.
 */
public final class HtmlReport {

    /** The bundled charting library and its version. */
    static final String ECHARTS = "META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js";

    private static final String TEMPLATE = "com/example/credit/batch/report/report.html";

    private final JsonMapper mapper;

    public HtmlReport(JsonMapper mapper) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    /** The page. */
    public String render(ReportModel model) {
        String template = resource(TEMPLATE);
        String echarts = resource(ECHARTS);
        if (echarts.contains("</script")) {
            throw new ReportException("the charting library contains </script> and cannot be inlined");
        }
        // The library goes in last, so that nothing inside it is taken for a placeholder.
        return template.replace("{{TITLE}}", escapeHtml(model.title()))
                .replace("{{DATA}}", scriptSafe(mapper.writeValueAsString(model)))
                .replace("/*{{ECHARTS}}*/", echarts);
    }

    /** JSON inside a script element: no {@code </} may end it early, and JavaScript's line separators are escaped. */
    static String scriptSafe(String json) {
        return json.replace("</", "<\\/").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
    }

    private static String escapeHtml(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }

    private static String resource(String name) {
        try (InputStream in = HtmlReport.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new ReportException("resource " + name + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ReportException("cannot read resource " + name + ": " + e.getMessage(), e);
        }
    }
}
