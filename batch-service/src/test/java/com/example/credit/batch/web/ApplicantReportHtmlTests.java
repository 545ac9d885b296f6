package com.example.credit.batch.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApplicantReportHtmlTests {

    @Test
    void escapesEveryValueItWritesIntoThePage() {
        ApplicantReport report = new ApplicantReport(
                "run",
                "0000000000000001",
                0.4,
                0.5,
                null,
                List.of("<script>alert('x')</script> & more"),
                -1,
                -0.4,
                List.of(new ApplicantReport.Step("Purpose", "\"car\"<b>", 0.6)),
                "sha256:ab",
                Map.of("reasons", "top-k-positive-shap/1"));

        String html = ApplicantReportHtml.render(report);

        assertThat(html)
                .doesNotContain("<script>")
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more")
                .contains("<td>&quot;car&quot;&lt;b&gt;</td>")
                .contains("<strong>Decision: approved.</strong>");
    }
}
