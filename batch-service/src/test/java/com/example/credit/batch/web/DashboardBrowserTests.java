package com.example.credit.batch.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.credit.batch.HeadlessChromium;
import com.example.credit.batch.runs.HandMadeRun;
import com.example.credit.core.bias.BiasAnalysis;
import com.example.credit.core.bias.Facet;
import com.example.credit.core.bias.Facets;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dashboard page in a real headless Chromium (Debian's, with its chromedriver, as ReportBrowserTests), served
 * by the real service over the hand-made run (figures worked out in {@link HandMadeRun}). Screenshots go to
 * {@code target/screenshots/}; with {@code -Ddashboard.screenshots=true} they are also copied to
 * {@code docs/images/} for the README.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DashboardBrowserTests {

    static final Path ROOT = HandMadeRunFixture.create("dashboard-browser-");
    static final Path RUN = ROOT.resolve("run");

    private static final Path SCREENSHOTS = Path.of("target", "screenshots").toAbsolutePath();
    private static final Path DOC_IMAGES = Path.of("..", "docs", "images").toAbsolutePath();

    private static ChromeDriver driver;

    @DynamicPropertySource
    static void runs(DynamicPropertyRegistry registry) {
        HandMadeRunFixture.register(registry, ROOT);
    }

    @LocalServerPort
    int port;

    @BeforeAll
    static void startBrowser() {
        // Tall enough for the overview screenshot to hold the charts down to the dependence plot.
        driver = HeadlessChromium.start(1440, 2150);
    }

    @AfterAll
    static void closeBrowser() {
        if (driver != null) {
            driver.quit();
        }
    }

    @BeforeEach
    void openDashboard() {
        driver.get("http://127.0.0.1:" + port + "/");
        waitUntil(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-rendered")));
    }

    // Polled every 20 ms: WebDriverWait pauses 500 ms after each miss by default.
    private static void waitUntil(Function<WebDriver, Boolean> condition) {
        new WebDriverWait(driver, Duration.ofSeconds(20), Duration.ofMillis(20)).until(condition);
    }

    private static Object script(String code) {
        return ((JavascriptExecutor) driver).executeScript(code);
    }

    private static Object chartOption(String chart, String path) {
        return script("return echarts.getInstanceByDom(document.getElementById('" + chart + "')).getOption()." + path);
    }

    private static WebElement byId(String id) {
        return driver.findElement(By.id(id));
    }

    private static void applyFilters() {
        byId("apply-filters").click();
        waitUntil(d -> !"loading".equals(byId("applicants-table").getDomAttribute("data-state")));
    }

    private static List<String> tableRowIds() {
        return driver.findElements(By.cssSelector("#applicants-table tbody tr td:first-child")).stream()
                .map(WebElement::getText)
                .toList();
    }

    private static void openApplicant(String rowId) {
        byId("search-row").sendKeys(rowId);
        byId("search-open").click();
    }

    @Test
    void listsTheRunAndShowsItsHeadline() {
        assertThat(new Select(byId("run-select"))
                        .getOptions().stream()
                                .map(o -> o.getDomProperty("value"))
                                .toList())
                .containsExactly("statlog-42", "plain");
        assertThat(byId("fig-records").getText()).isEqualTo("10");
        assertThat(byId("fig-labelled").getText()).isEqualTo("10");
        assertThat(byId("fig-auc").getText()).isEqualTo("0.640");
        assertThat(byId("fig-errors").getText()).isEqualTo("1");
        assertThat(byId("applicants-table").getDomAttribute("data-total")).isEqualTo("10");
        assertThat(tableRowIds()).hasSize(10).startsWith(HandMadeRun.rowId(9));
    }

    @Test
    void drawsTheImportanceChartWithTheChosenNumberOfFeatures() {
        assertThat(chartOption("chart-importance", "series[0].data.length")).isEqualTo(10L);
        assertThat(chartOption("chart-importance", "yAxis[0].data[0]")).isEqualTo("Credit amount");

        new Select(byId("features-shown")).selectByValue("5");
        assertThat(chartOption("chart-importance", "series[0].data.length")).isEqualTo(5L);

        new Select(byId("features-shown")).selectByValue("all");
        assertThat(chartOption("chart-importance", "series[0].data.length")).isEqualTo(20L);
    }

    @Test
    void drawsTheBeeswarmBesideTheImportanceWithTheSameFeaturesShown() {
        // Ten features of the ten applicants (one per score decile, all sampled): a hundred points.
        assertThat(byId("chart-beeswarm").getDomAttribute("data-features")).isEqualTo("10");
        assertThat(chartOption("chart-beeswarm", "series[0].data.length")).isEqualTo(100L);
        assertThat(byId("beeswarm-caption").getText())
                .startsWith("Each dot is one of 10 applicants (of 10), drawn with seed 42");
        // Credit amount, the first row, has φ = 0.1 r - 0.45 at row r: the first point is row 0's.
        assertThat(chartOption("chart-beeswarm", "series[0].data[0][0]")).isEqualTo(-0.45);

        new Select(byId("features-shown")).selectByValue("5");
        waitUntil(d -> "5".equals(byId("chart-beeswarm").getDomAttribute("data-features")));

        assertThat(chartOption("chart-beeswarm", "series[0].data.length")).isEqualTo(50L);
        assertThat(byId("beeswarm-error").isDisplayed()).isFalse();
    }

    @Test
    void drawsTheMeanShapValueByValueBesideTheModelsPartialDependenceForTheChosenFeature()
            throws IOException, InterruptedException {
        waitUntil(d -> !byId("partial-dependence-caption").getText().isEmpty());
        String feature =
                new Select(byId("dependence-feature")).getFirstSelectedOption().getDomProperty("value");
        long bins = 0;
        for (JsonNode entry : summary().path("global").path("features")) {
            if (entry.path("feature").asString().equals(feature)) {
                bins = entry.path("bins").size();
            }
        }
        assertThat(bins).isPositive();
        assertThat(chartOption("chart-partial-dependence", "series[0].data.length"))
                .isEqualTo(bins);
        assertThat(chartOption("chart-partial-dependence", "series[1].data.length"))
                .isEqualTo(bins);
        assertThat(byId("partial-dependence-caption").getText())
                .contains("the model\u2019s partial dependence")
                .contains("all 10 explained applicants");
        assertThat(byId("fig-method").getText()).isEqualTo("path-dependent");

        new Select(byId("dependence-feature")).selectByValue("credit__purpose");
        assertThat(chartOption("chart-partial-dependence", "xAxis[0].data.every(c => c.length > 0)"))
                .isEqualTo(true);
        assertThat(byId("partial-dependence-caption").getText()).contains("Purpose");
    }

    private JsonNode summary() throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(
                                        "http://127.0.0.1:" + port + "/api/runs/" + HandMadeRunFixture.ID + "/summary"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return JsonMapper.shared().readTree(response.body());
    }

    @Test
    void saysWhyARunServedWithoutItsModelHasNoPartialDependence() {
        new Select(byId("run-select")).selectByValue(HandMadeRunFixture.PLAIN);
        waitUntil(d -> HandMadeRunFixture.PLAIN.equals(
                d.findElement(By.tagName("body")).getDomAttribute("data-loaded")));
        assertThat(byId("chart-partial-dependence").isDisplayed()).isFalse();
        assertThat(byId("partial-dependence-caption").getText())
                .startsWith("No global explanations: the run was indexed without its model")
                .endsWith("Serve the run with its model folder (or index it with --model) to see them.");
    }

    @Test
    void drawsTheRocCurveAndTheScoreHistogramByLabel() {
        assertThat(Integer.parseInt(byId("chart-roc").getDomAttribute("data-points")))
                .isGreaterThan(2);
        assertThat(chartOption("chart-roc", "series[0].data.slice(-1)[0].join(',')"))
                .isEqualTo("1,1");
        assertThat(byId("roc-caption").getText()).startsWith("AUC 0.640 over the 10 labelled applicants");
        // Scores (r + 0.5) / 10 in bins 5 r + 2: the defaulters (rows 0, 5, 6, 7, 8) and the repayers stacked.
        assertThat(byId("chart-histogram").getDomAttribute("data-series")).isEqualTo("defaulted,repaid");
        assertThat(chartOption("chart-histogram", "series[0].data[2]")).isEqualTo(1L);
        assertThat(chartOption("chart-histogram", "series[1].data[7]")).isEqualTo(1L);
        assertThat(chartOption("chart-histogram", "series[0].data.reduce((a, b) => a + b, 0)"))
                .isEqualTo(5L);
    }

    @Test
    void drawsTheReliabilityDiagramWithTheBrierScoreBesideTheRocCurve() {
        // One labelled applicant in each of the ten bins (RunIndexTests): bin r at its score (r + 0.5) / 10 and its
        // label; row 3 repaid.
        assertThat(byId("chart-calibration").getDomAttribute("data-bins")).isEqualTo("10");
        assertThat(chartOption("chart-calibration", "series[1].data[3].join(',')"))
                .isEqualTo("0.35,0");
        assertThat(byId("calibration-caption").getText())
                .startsWith("Brier score 0.2625 over the 10 labelled applicants (0 is perfect; always predicting the"
                        + " default rate would score 0.2500)");
        // Five of the ten defaulted; the scores 0.05 to 0.95 average 0.5.
        assertThat(byId("fig-default-rate").getText()).isEqualTo("50.0%");
        assertThat(byId("fig-mean").getText()).isEqualTo("50.0%");

        new Select(byId("run-select")).selectByValue("plain");
        waitUntil(d -> "plain".equals(d.findElement(By.tagName("body")).getDomAttribute("data-loaded")));

        assertThat(byId("chart-calibration").getDomAttribute("data-bins")).isEqualTo("0");
        assertThat(byId("calibration-caption").getText()).startsWith("No calibration: the run has no labels.");
        assertThat(byId("fig-default-rate").getText()).isEqualTo("\u2014");
    }

    private static WebElement metricRow(String facet, String metric) {
        return driver.findElement(By.cssSelector("table[data-facet='" + facet + "'] tr[data-metric='" + metric + "']"));
    }

    /** A cell's text, shown or inside a closed facet report. */
    private static String cellText(WebElement row, int column) {
        return row.findElements(By.tagName("td")).get(column).getDomProperty("textContent");
    }

    @Test
    void showsTheRunsFairnessWithATablePerFacetTheOutcomeRatesAndTheExplanationsByGroup() throws IOException {
        assertThat(byId("fairness").getDomAttribute("data-state")).isEqualTo("shown");
        assertThat(byId("fairness-empty").isDisplayed()).isFalse();
        assertThat(driver.findElements(By.cssSelector("#fairness-tables table")).stream()
                        .map(table -> table.getDomAttribute("data-facet"))
                        .toList())
                .containsExactlyElementsOf(
                        Facets.standard().stream().map(Facet::name).toList());
        assertThat(byId("fairness-caption").getText())
                .startsWith("Post-training bias of the 9 labelled applicants with protected attributes (left out: 1"
                        + " without the protected attributes the facets need), approved when the probability of"
                        + " default is below 0.5; CDDPL holds credit__purpose fixed.");
        // Female (rows 0, 2, 6, 8) against everyone else (1, 3, 5, 7, 9), as RunFairnessTests works out:
        // approved 2/4 and 2/5, DI = 1.25, DPPL = -0.1.
        WebElement di = metricRow("personal__gender=female", "DI");
        assertThat(cellText(di, 1)).isEqualTo("1.250");
        assertThat(cellText(di, 2)).isEqualTo("1");
        assertThat(cellText(di, 3)).isNotBlank();
        assertThat(cellText(metricRow("personal__gender=female", "DPPL"), 1)).isEqualTo("-0.100");
        // FT is never computed: its reason shows.
        WebElement ft = metricRow("personal__gender=female", "FT");
        assertThat(ft.getDomAttribute("data-status")).isEqualTo("not_applicable");
        assertThat(cellText(ft, 1)).isEqualTo("\u2014");
        assertThat(cellText(ft, 3)).isEqualTo("Not applicable: " + BiasAnalysis.FLIP_TEST_SKIPPED + ".");
        // Under 25 (row 0, defaulted and approved): no one else defaulted and was approved, so TE has no value.
        WebElement te = metricRow("personal__age<25", "TE");
        assertThat(te.getDomAttribute("data-status")).isEqualTo("undefined");
        assertThat(cellText(te, 3)).startsWith("Not computed: ");

        assertThat(byId("chart-fairness-rates").getDomAttribute("data-facets")).isEqualTo("10");
        assertThat(chartOption("chart-fairness-rates", "series[2].data[0]")).isEqualTo(0.5);
        assertThat(chartOption("chart-fairness-rates", "series[3].data[0]")).isEqualTo(0.4);
        // Female's credit__amount: mean |phi| (0.45 + 0.25 + 0.15 + 0.35) / 4 = 0.3, the largest of its features.
        assertThat(byId("chart-fairness-shap").getDomAttribute("data-facet")).isEqualTo("personal__gender=female");
        assertThat(chartOption("chart-fairness-shap", "yAxis[0].data[0]")).isEqualTo("Credit amount");
        assertThat((Double) chartOption("chart-fairness-shap", "series[0].data[0]"))
                .isCloseTo(0.3, org.assertj.core.api.Assertions.within(1e-9));

        new Select(byId("fairness-facet")).selectByVisibleText("personal__age>=65");

        assertThat(byId("chart-fairness-shap").getDomAttribute("data-facet")).isEqualTo("personal__age>=65");
        // Row 9 alone: credit__amount's phi 0.1 * 9 - 0.45 = 0.45.
        assertThat((Double) chartOption("chart-fairness-shap", "series[0].data[0]"))
                .isCloseTo(0.45, org.assertj.core.api.Assertions.within(1e-9));
        String section = byId("fairness").getText();
        for (int r = 0; r < 10; r++) {
            assertThat(section).doesNotContain(HandMadeRun.rowId(r));
        }
        // The whole section, its first facet's table open, fits the window once scrolled to.
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView()", byId("fairness"));
        screenshot(byId("fairness").getScreenshotAs(OutputType.FILE).toPath(), "dashboard-fairness.png");
    }

    @Test
    void saysHowToGetTheFairnessOfARunIndexedWithoutProtectedAttributes() {
        new Select(byId("run-select")).selectByValue("plain");
        waitUntil(d -> "plain".equals(d.findElement(By.tagName("body")).getDomAttribute("data-loaded")));

        assertThat(byId("fairness").getDomAttribute("data-state")).isEqualTo("empty");
        assertThat(byId("fairness-body").isDisplayed()).isFalse();
        assertThat(byId("fairness-empty").getText())
                .startsWith("No fairness analysis: the run was indexed without protected attributes")
                .contains("--labels LABEL_DIR --protected PROTECTED_DIR");
    }

    @Test
    void linksTheRunsExportToDownloadAndKeepsEveryControlOn() {
        assertThat(byId("export-link").getDomProperty("href"))
                .isEqualTo("http://127.0.0.1:" + port + "/api/runs/statlog-42/export.html");
        assertThat(byId("export-link").getDomAttribute("download")).isNotNull();
        assertThat(byId("export-note").isDisplayed()).isFalse();
        assertThat(byId("filter-label").isEnabled()).isTrue();
        assertThat(byId("apply-filters").isEnabled()).isTrue();

        new Select(byId("run-select")).selectByValue("plain");
        waitUntil(d -> "plain".equals(d.findElement(By.tagName("body")).getDomAttribute("data-loaded")));

        assertThat(byId("export-link").getDomProperty("href"))
                .isEqualTo("http://127.0.0.1:" + port + "/api/runs/plain/export.html");
    }

    @Test
    void redrawsEveryChartForTheRunPicked() {
        new Select(byId("run-select")).selectByValue("plain");
        waitUntil(d -> "plain".equals(d.findElement(By.tagName("body")).getDomAttribute("data-loaded")));

        // The plain run has no labels, no interaction values and no protected attributes.
        assertThat(byId("fig-labelled").getText()).isEqualTo("0");
        assertThat(byId("chart-roc").getDomAttribute("data-points")).isEqualTo("0");
        assertThat(byId("roc-caption").getText()).startsWith("no AUC: the run needs labels of both classes");
        assertThat(byId("chart-histogram").getDomAttribute("data-series")).isEqualTo("all applicants");
        assertThat(chartOption("chart-beeswarm", "series[0].data.length")).isEqualTo(100L);
        assertThat(byId("dependence-caption").getText())
                .startsWith("Coloured by Credit duration (credit__duration), approximate")
                .contains("the run has no interaction values");
        assertThat(byId("filter-protected-label").isDisplayed()).isFalse();
    }

    @Test
    void filtersTheApplicantsByProtectedGroupWithoutShowingAnyonesGroup() {
        assertThat(byId("filter-protected-label").isDisplayed()).isTrue();
        assertThat(new Select(byId("filter-protected"))
                        .getOptions().stream().map(o -> o.getText()).toList())
                .contains("female (4)", "25-34 (2)", "married (3)");
        new Select(byId("filter-protected")).selectByValue("protected.personal__gender=female");

        applyFilters();

        // Female: rows 0, 2, 6 and 8, by descending score.
        assertThat(byId("applicants-table").getDomAttribute("data-total")).isEqualTo("4");
        assertThat(tableRowIds())
                .containsExactly(
                        HandMadeRun.rowId(8), HandMadeRun.rowId(6), HandMadeRun.rowId(2), HandMadeRun.rowId(0));
        assertThat(byId("applicants-table").getText()).doesNotContain("female");
        openApplicant(HandMadeRun.rowId(2));
        waitUntil(d -> HandMadeRun.rowId(2).equals(byId("applicant").getDomAttribute("data-row-id")));
        assertThat(byId("applicant").getText()).doesNotContain("female", "Gender", "Age band");
    }

    @Test
    void filtersTheApplicantsByLabel() {
        new Select(byId("filter-label")).selectByValue("1");

        applyFilters();

        assertThat(byId("applicants-table").getDomAttribute("data-total")).isEqualTo("5");
        assertThat(tableRowIds())
                .containsExactly(
                        HandMadeRun.rowId(8),
                        HandMadeRun.rowId(7),
                        HandMadeRun.rowId(6),
                        HandMadeRun.rowId(5),
                        HandMadeRun.rowId(0));
        assertThat(byId("page-next").isEnabled()).isFalse();
    }

    @Test
    void showsTheProblemDetailOfABadFilter() {
        byId("filter-extra").sendKeys("colour=red");

        applyFilters();

        assertThat(byId("applicants-error").isDisplayed()).isTrue();
        assertThat(byId("applicants-error").getText())
                .startsWith("filter term 'colour=red': 'colour' is neither label, score, reason nor a feature");
        assertThat(tableRowIds()).isEmpty();
    }

    @Test
    void opensAnApplicantByRowIdWithItsDecisionReasonsAndWaterfall() throws IOException {
        openApplicant(HandMadeRun.rowId(7));
        waitUntil(d -> HandMadeRun.rowId(7).equals(byId("applicant").getDomAttribute("data-row-id")));

        assertThat(byId("applicant-probability").getText()).isEqualTo("75.0%");
        assertThat(byId("applicant-label").getText()).isEqualTo("defaulted");
        assertThat(driver.findElements(By.cssSelector("#reasons li")))
                .singleElement()
                .extracting(WebElement::getText)
                .asString()
                .startsWith("Credit duration is 7");
        // The expected value, the ten largest SHAP values, the other ten as one step, and the raw score.
        assertThat(chartOption("chart-waterfall", "series[0].data.length")).isEqualTo(13L);
        assertThat(chartOption("chart-waterfall", "yAxis[0].data[1]")).isEqualTo("Credit amount");
        // The hand-made run's lines carry no probability view: the page says so instead of drawing one.
        assertThat(byId("chart-waterfall-probability").isDisplayed()).isFalse();
        assertThat(byId("waterfall-probability-method").getText())
                .startsWith("This run's explanations carry no" + " probability view");
        assertThat(driver.findElements(By.cssSelector("#applicant-data tbody tr")))
                .hasSize(20);
        // The applicant's values stay in the page, out of its address.
        assertThat(driver.getCurrentUrl()).isEqualTo("http://127.0.0.1:" + port + "/");

        screenshot(byId("applicant").getScreenshotAs(OutputType.FILE).toPath(), "dashboard-applicant.png");
    }

    @Test
    void offersTheApplicantsExplanationAsAPdfWhoseTextSaysTheDecision() throws Exception {
        openApplicant(HandMadeRun.rowId(7));
        waitUntil(d -> HandMadeRun.rowId(7).equals(byId("applicant").getDomAttribute("data-row-id")));

        String href = byId("applicant-pdf").getDomProperty("href");
        assertThat(href)
                .isEqualTo("http://127.0.0.1:" + port + "/api/runs/statlog-42/applicants/" + HandMadeRun.rowId(7)
                        + "/report.pdf");
        assertThat(byId("applicant-report").getDomProperty("href")).isEqualTo(href.replace(".pdf", ""));
        // The browser's download goes to its own folder; the same request through an HTTP client gives the file.
        java.net.http.HttpResponse<byte[]> pdf = java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create(href))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        String text = new com.lowagie.text.pdf.parser.PdfTextExtractor(new com.lowagie.text.pdf.PdfReader(pdf.body()))
                .getTextFromPage(1)
                .replaceAll("\\s+", " ");
        assertThat(text)
                .contains("Decision: declined.")
                .contains("Estimated probability of default 75.0 %")
                .contains("1. Credit duration is 7: this raises the estimated probability of default.");
    }

    @Test
    void showsTheProblemDetailOfAnUnknownRowId() {
        openApplicant("00000000000000aa");
        waitUntil(d -> byId("applicants-error").isDisplayed());

        assertThat(byId("applicants-error").getText()).contains("has no applicant with row_id '00000000000000aa'");
        assertThat(byId("applicant").isDisplayed()).isFalse();
    }

    @Test
    void picksARandomApplicantAmongThoseTheFilterKeeps() {
        new Select(byId("filter-label")).selectByValue("0");

        byId("random").click();
        waitUntil(d -> byId("applicant").getDomAttribute("data-row-id") != null);

        assertThat(byId("applicant").getDomAttribute("data-row-id"))
                .isIn(
                        HandMadeRun.rowId(1),
                        HandMadeRun.rowId(2),
                        HandMadeRun.rowId(3),
                        HandMadeRun.rowId(4),
                        HandMadeRun.rowId(9));
        assertThat(byId("applicant-label").getText()).isEqualTo("repaid");
    }

    @Test
    void drawsTheDependencePlotColouredByTheStrongestInteraction() {
        waitUntil(d -> !byId("dependence-caption").getText().isEmpty());

        assertThat(new Select(byId("dependence-feature"))
                        .getFirstSelectedOption()
                        .getDomProperty("value"))
                .isEqualTo("credit__amount");
        assertThat(chartOption("chart-dependence", "series[0].data.length")).isEqualTo(10L);
        // The run's lines carry interaction values: credit__purpose interacts most with credit__amount.
        assertThat(byId("dependence-caption").getText())
                .startsWith("Coloured by Purpose (credit__purpose), strongest interaction");

        new Select(byId("dependence-feature")).selectByValue("credit__purpose");
        waitUntil(d -> byId("dependence-caption").getText().contains("with credit__purpose over"));
        assertThat(chartOption("chart-dependence", "xAxis[0].type")).isEqualTo("category");
    }

    @Test
    void logsNoErrorToTheConsoleAndLeavesAnOverviewScreenshot() throws IOException {
        driver.manage().logs().get(LogType.BROWSER); // drops what earlier tests logged
        openDashboard();

        List<LogEntry> errors = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .toList();

        assertThat(errors).isEmpty();
        screenshot(driver.getScreenshotAs(OutputType.FILE).toPath(), "dashboard-overview.png");
    }

    private static void screenshot(Path taken, String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Path target = SCREENSHOTS.resolve(name);
        Files.move(taken, target, StandardCopyOption.REPLACE_EXISTING);
        assertThat(target).isNotEmptyFile();
        if (Boolean.getBoolean("dashboard.screenshots")) {
            Files.copy(target, DOC_IMAGES.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
