package com.example.credit.batch.web;

import java.util.Locale;
import java.util.Map;

/** The printable page of an {@link ApplicantReport}: one self-contained HTML document, styled for paper. */
final class ApplicantReportHtml {

    private ApplicantReportHtml() {}

    static String render(ApplicantReport report) {
        StringBuilder html = new StringBuilder(8192);
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Credit decision ")
                .append(escape(report.rowId()))
                .append("</title><style>")
                .append("body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1f2937;")
                .append("max-width:48rem;margin:2rem auto;padding:0 1rem}h1{font-size:1.4rem}h2{font-size:1.1rem;")
                .append("margin-top:1.5rem}table{border-collapse:collapse;width:100%}td,th{padding:.25rem .5rem;")
                .append("border-bottom:1px solid #e5e7eb;text-align:left}td.num{text-align:right;")
                .append("font-variant-numeric:tabular-nums}.bar{height:.7rem}.up{background:#c0392b}")
                .append(".down{background:#1e8449}.meta{color:#6b7280;font-size:.85rem}")
                .append("@media print{body{margin:0}}</style></head><body>\n");
        html.append("<h1>Credit decision explanation</h1>\n<p class=\"meta\">Applicant ")
                .append(escape(report.rowId()))
                .append(" &middot; run ")
                .append(escape(report.runId()))
                .append("</p>\n");
        html.append(String.format(
                Locale.ROOT,
                "<p><strong>Decision: %s.</strong> Estimated probability of default %.1f %% (the dashboard shows"
                        + " &ldquo;declined&rdquo; from %.0f %%).%s</p>%n",
                report.decision(),
                report.probability() * 100,
                report.threshold() * 100,
                report.label() == null ? "" : report.label() ? " Outcome: defaulted." : " Outcome: repaid."));
        html.append("<h2>Main reasons</h2>\n<ol>\n");
        for (String reason : report.reasons()) {
            html.append("<li>").append(escape(reason)).append("</li>\n");
        }
        if (report.reasons().isEmpty()) {
            html.append("<li>No feature raised the estimated probability of default.</li>\n");
        }
        html.append("</ol>\n<h2>How the score is made up (log-odds)</h2>\n<table><tr><th>From</th><th>Value</th>")
                .append("<th class=\"num\">Contribution</th><th style=\"width:35%\"></th></tr>\n");
        html.append(String.format(
                Locale.ROOT,
                "<tr><td>Average applicant (expected value)</td><td></td><td class=\"num\">%.3f</td><td></td></tr>%n",
                report.expectedValue()));
        double largest = report.steps().stream()
                .mapToDouble(step -> Math.abs(step.phi()))
                .max()
                .orElse(1);
        for (ApplicantReport.Step step : report.steps()) {
            html.append(String.format(
                    Locale.ROOT,
                    "<tr><td>%s</td><td>%s</td><td class=\"num\">%+.3f</td><td><div class=\"bar %s\""
                            + " style=\"width:%.1f%%\"></div></td></tr>%n",
                    escape(step.title()),
                    escape(step.value()),
                    step.phi(),
                    step.phi() >= 0 ? "up" : "down",
                    100 * Math.abs(step.phi()) / Math.max(largest, 1e-12)));
        }
        html.append(String.format(
                Locale.ROOT,
                "<tr><td><strong>This applicant (raw score)</strong></td><td></td><td class=\"num\"><strong>%.3f"
                        + "</strong></td><td></td></tr>%n</table>%n",
                report.rawScore()));
        html.append("<h2>How this explanation was made</h2>\n<table>\n<tr><td>Model</td><td>")
                .append(escape(report.modelVersion()))
                .append("</td></tr>\n");
        for (Map.Entry<String, String> method : report.methods().entrySet()) {
            html.append("<tr><td>")
                    .append(escape(method.getKey()))
                    .append("</td><td>")
                    .append(escape(method.getValue()))
                    .append("</td></tr>\n");
        }
        html.append("</table>\n</body></html>\n");
        return html.toString();
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
