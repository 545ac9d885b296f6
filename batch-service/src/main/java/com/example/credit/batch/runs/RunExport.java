package com.example.credit.batch.runs;

import com.example.credit.batch.ReportException;
import com.example.credit.core.schema.FeatureCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A run's export: the dashboard's own page ({@code static/index.html} with {@code dashboard.css} and
 * {@code dashboard.js}) in one self-contained HTML file, ECharts inlined from its WebJar, with a JSON snapshot of the
 * runs API's answers ({@link RunViews}) to every request the page makes for the run's views — the run list, the
 * summary, the beeswarm for each features-shown choice, the dependence sample of every feature, the first pages of
 * applicants by descending score (the {@value #EXPORTED_APPLICANTS} highest-risk) and each of those applicants. The
 * page's {@code api(path)} answers from the snapshot when one is embedded, so the export draws exactly what the
 * dashboard draws; what the snapshot lacks (filters, other sorts, other applicants) the page says it does not hold.
 * The same index gives the same bytes: no clock, no random source without its seed.
 */
public final class RunExport {

    /** The applicants an export holds with their explanations: the highest-risk, by descending score. */
    public static final int EXPORTED_APPLICANTS = 100;

    /** The version of the snapshot's JSON shape, which dashboard.js reads. */
    public static final int FORMAT_VERSION = 1;

    /** The bundled charting library (the WebJar the dashboard serves). */
    static final String ECHARTS = "META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js";

    /** The element that holds the snapshot; dashboard.js looks for it. */
    static final String SNAPSHOT_ID = "dashboard-export";

    // What dashboard.js asks for: PAGE_SIZE, DEPENDENCE_POINTS, BEESWARM_POINTS, the features-shown choices (5, 10,
    // all), BEESWARM_MAX_FEATURES and the default sort. A change there is a change here (the browser tests of the
    // export fail on a request the snapshot cannot answer).
    static final int PAGE_SIZE = 25;
    static final int DEPENDENCE_POINTS = 1000;
    static final int BEESWARM_POINTS = 1000;
    static final List<Integer> FEATURES_SHOWN = List.of(5, 10);
    static final String SORT = "score_desc";

    private static final String STATIC = "static/";
    private static final JsonMapper MAPPER = JsonMapper.shared();

    private final RunViews views;

    public RunExport(FeatureCatalog catalog) {
        this.views = new RunViews(catalog);
    }

    /**
     * The snapshot: {@code format_version}, {@code run}, {@code applicants} (how many are exported of how many,
     * their sort, the page size and their row ids in page order) and {@code answers}, each API path the page asks for
     * (relative, as dashboard.js writes it) mapped to the API's answer.
     */
    public Map<String, Object> snapshot(RunIndex run, String id) {
        Map<String, Object> answers = new LinkedHashMap<>();
        JsonNode summary = views.summary(run, id);
        answers.put(
                "api/runs",
                List.of(RunViews.listEntry(id, true, summary.path("labelled").asLong() > 0, run.hasProtectedGroups())));
        answers.put(runPath(id, "/summary"), summary);
        int features = summary.path("importance").size();
        Set<Integer> shown = new LinkedHashSet<>();
        FEATURES_SHOWN.forEach(k -> shown.add(Math.min(k, features)));
        shown.add(features);
        for (int k : shown) {
            int asked = Math.min(k, RunIndex.MAX_BEESWARM_FEATURES);
            answers.put(
                    runPath(id, "/beeswarm?features=" + asked + "&points=" + BEESWARM_POINTS),
                    views.beeswarm(run, asked, BEESWARM_POINTS));
        }
        for (JsonNode item : summary.path("importance")) {
            String feature = item.path("feature").asString();
            answers.put(
                    runPath(id, "/dependence?feature=" + query(feature) + "&points=" + DEPENDENCE_POINTS),
                    views.dependence(run, feature, DEPENDENCE_POINTS));
        }
        List<String> rowIds = new ArrayList<>();
        int pages = Math.max(1, (Math.min(EXPORTED_APPLICANTS, run.rows()) + PAGE_SIZE - 1) / PAGE_SIZE);
        for (int page = 0; page < pages; page++) {
            RunIndex.Page answer = views.applicants(run, "", SORT, page, PAGE_SIZE);
            answers.put(
                    runPath(id, "/applicants?filter=&sort=" + SORT + "&page=" + page + "&size=" + PAGE_SIZE), answer);
            answer.rows().forEach(row -> rowIds.add(row.rowId()));
        }
        for (String rowId : rowIds) {
            answers.put(runPath(id, "/applicants/" + segment(rowId)), views.applicant(run, rowId));
        }
        Map<String, Object> applicants = new LinkedHashMap<>();
        applicants.put("exported", rowIds.size());
        applicants.put("total", run.rows());
        applicants.put("sort", SORT);
        applicants.put("page_size", PAGE_SIZE);
        applicants.put("row_ids", rowIds);
        Map<String, Object> snapshot = new LinkedHashMap<>();
        snapshot.put("format_version", FORMAT_VERSION);
        snapshot.put("run", id);
        snapshot.put("applicants", applicants);
        snapshot.put("answers", answers);
        return snapshot;
    }

    /**
     * The export as one HTML page: the dashboard's page with its style sheet, ECharts, the snapshot and its script
     * inlined, needing no server and no network.
     *
     * @throws ReportException when a resource is missing or cannot be inlined safely
     */
    public String html(RunIndex run, String id) {
        String template = resource(STATIC + "index.html");
        String css = resource(STATIC + "dashboard.css");
        String echarts = inlinable(ECHARTS, resource(ECHARTS));
        String script = inlinable(STATIC + "dashboard.js", resource(STATIC + "dashboard.js"));
        if (css.toLowerCase(Locale.ROOT).contains("</style")) {
            throw new ReportException("the style sheet contains </style and cannot be inlined");
        }
        String json = scriptSafe(MAPPER.writeValueAsString(snapshot(run, id)));
        // Each marker is found once in the template itself, so nothing inlined is ever taken for one.
        List<String[]> splices = List.of(
                new String[] {"<link rel=\"stylesheet\" href=\"dashboard.css\">", "<style>\n" + css + "</style>"},
                new String[] {
                    "<script src=\"webjars/echarts/5.3.1/dist/echarts.min.js\"></script>",
                    "<script>" + echarts + "</script>"
                },
                new String[] {"<script src=\"dashboard.js\" defer></script>", ""},
                new String[] {
                    "</body>",
                    "<script type=\"application/json\" id=\"" + SNAPSHOT_ID + "\">" + json + "</script>\n<script>\n"
                            + script + "</script>\n</body>"
                });
        StringBuilder page = new StringBuilder(template.length() + echarts.length() + json.length() + script.length());
        int from = 0;
        for (String[] splice : splices) {
            int at = template.indexOf(splice[0], from);
            if (at < 0 || template.indexOf(splice[0], at + splice[0].length()) >= 0) {
                throw new ReportException("the dashboard page " + STATIC + "index.html must hold '" + splice[0]
                        + "' once, after the previous marker, for the export to inline it");
            }
            page.append(template, from, at).append(splice[1]);
            from = at + splice[0].length();
        }
        return page.append(template, from, template.length()).toString();
    }

    /**
     * JSON inside a script element: no {@code <} at all (so neither {@code </script} nor {@code <!--}), and neither
     * {@code >} nor {@code &}, as JSON escapes; the line separators JavaScript once refused are escaped too.
     */
    static String scriptSafe(String json) {
        return json.replace("<", "\\u003c")
                .replace(">", "\\u003e")
                .replace("&", "\\u0026")
                .replace("\u2028", "\\u2028")
                .replace("\u2029", "\\u2029");
    }

    /** A script may hold neither {@code </script} (it would end the element) nor {@code <!--} (an escape state). */
    private static String inlinable(String name, String script) {
        String lower = script.toLowerCase(Locale.ROOT);
        if (lower.contains("</script") || lower.contains("<!--")) {
            throw new ReportException(name + " contains </script or <!-- and cannot be inlined in a script element");
        }
        return script;
    }

    /** A path as dashboard.js writes it: {@code 'api/runs/' + encodeURIComponent(id) + suffix}. */
    private static String runPath(String id, String suffix) {
        return "api/runs/" + segment(id) + suffix;
    }

    /**
     * encodeURIComponent's encoding for the values a path holds here — run ids and row ids of letters, digits, '.',
     * '_' and '-', which neither encodes — and URLEncoder's (with %20 for a space) for anything else.
     */
    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** URLSearchParams' encoding of a value (application/x-www-form-urlencoded, as URLEncoder). */
    private static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String resource(String name) {
        try (InputStream in = RunExport.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new ReportException("resource " + name + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ReportException("cannot read resource " + name + ": " + e.getMessage(), e);
        }
    }
}
