package com.example.credit.batch.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.credit.batch.HeadlessChromium;
import com.example.credit.batch.runs.ExportFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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

/**
 * Opens the dataset report — the run's export, written with its (made-up) protected attributes — from its file in a
 * real headless Chromium (Debian's, with its chromedriver, so Selenium Manager never downloads anything), with no
 * server: the dashboard's page draws every chart from the embedded snapshot, its fairness, lists the exported
 * applicants, opens one, and says what the export does not hold.
 */
class ReportBrowserTests {

    private static final Path SCREENSHOT =
            Path.of("target", "screenshots", "batch-report.png").toAbsolutePath();

    @TempDir
    static Path temp;

    private static Path report;
    private static ChromeDriver driver;
    private static ReportSummary summary;
    private static List<String> exported;

    @BeforeAll
    static void writeReportAndStartBrowser() throws IOException {
        report = temp.resolve("report.html");
        summary = DatasetReport.write(
                BatchOutputFixture.copy(temp.resolve("predictions")),
                BatchOutputFixture.labels(),
                BatchOutputFixture.protectedAttributes(temp.resolve("protected_test")),
                report);
        exported = ExportFile.snapshot(Files.readString(report))
                .path("applicants")
                .path("row_ids")
                .valueStream()
                .map(node -> node.asString())
                .toList();
        driver = HeadlessChromium.start(1440, 2400);
    }

    @AfterAll
    static void closeBrowser() {
        if (driver != null) {
            driver.quit();
        }
    }

    @BeforeEach
    void openReport() {
        driver.get(report.toUri().toString());
        waitUntil(d -> "predictions".equals(d.findElement(By.tagName("body")).getDomAttribute("data-loaded")));
    }

    private static void waitUntil(Function<WebDriver, Boolean> condition) {
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(condition);
    }

    private static Object script(String code) {
        return ((JavascriptExecutor) driver).executeScript(code);
    }

    private static WebElement byId(String id) {
        return driver.findElement(By.id(id));
    }

    private static List<String> tableRowIds() {
        return driver.findElements(By.cssSelector("#applicants-table tbody tr td:first-child")).stream()
                .map(WebElement::getText)
                .toList();
    }

    private static void assertPainted(String chart) {
        WebElement canvas = driver.findElement(By.cssSelector("#" + chart + " canvas"));
        assertThat(canvas.getSize().getWidth()).as(chart).isGreaterThan(300);
        assertThat(canvas.getSize().getHeight()).as(chart).isGreaterThan(250);
        // Painted pixels, not just a blank canvas of the right size.
        Object painted = script("var c = document.querySelector('#" + chart + " canvas');"
                + "var d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                + "var n = 0; for (var i = 3; i < d.length; i += 4) { if (d[i] > 0) { n++; } } return n;");
        assertThat((Long) painted).as(chart).isGreaterThan(1000);
    }

    @Test
    void drawsEveryChartOfTheRunFromTheFileWithNoServer() {
        for (String chart : List.of(
                "chart-importance",
                "chart-beeswarm",
                "chart-roc",
                "chart-histogram",
                "chart-calibration",
                "chart-fairness-rates",
                "chart-fairness-shap",
                "chart-dependence")) {
            assertPainted(chart);
        }
        assertThat(driver.getCurrentUrl()).startsWith("file:");
        for (String error : List.of("run-error", "beeswarm-error", "dependence-error", "applicants-error")) {
            assertThat(byId(error).isDisplayed()).as(error).isFalse();
        }
    }

    @Test
    void showsTheRunsFiguresAsTheReportSummaryHasThem() {
        assertThat(byId("run-id").getText()).isEqualTo("predictions");
        assertThat(byId("fig-records").getText()).isEqualTo(Long.toString(summary.records()));
        assertThat(byId("fig-labelled").getText()).isEqualTo(Long.toString(summary.labelled()));
        assertThat(byId("fig-auc").getText()).isEqualTo(String.format(Locale.ROOT, "%.3f", summary.auc()));
        assertThat(byId("fig-errors").getText()).isEqualTo("0");
        assertThat(byId("roc-caption").getText())
                .startsWith(String.format(Locale.ROOT, "AUC %.3f over the 200 labelled applicants", summary.auc()));
        assertThat(byId("calibration-caption").getText())
                .startsWith("Brier score 0.")
                .contains("200 labelled");
        assertThat(byId("chart-calibration").getDomAttribute("data-bins")).isNotEqualTo("0");
    }

    @Test
    void showsTheRunsFairnessFromTheSummaryItEmbedsWithATablePerFacet() {
        assertThat(byId("fairness").getDomAttribute("data-state")).isEqualTo("shown");
        assertThat(byId("fairness-caption").getText())
                .startsWith("Post-training bias of the 200 labelled applicants with protected attributes, approved"
                        + " when the probability of default is below 0.5");
        assertThat(driver.findElements(By.cssSelector("#fairness-tables table")))
                .hasSize(10);
        assertThat(driver.findElements(By.cssSelector("#fairness-tables tr[data-metric='FT']")).stream()
                        .map(row -> row.findElements(By.tagName("td")).get(3).getDomProperty("textContent"))
                        .distinct()
                        .toList())
                .containsExactly(
                        "Not applicable: " + com.example.credit.core.bias.BiasAnalysis.FLIP_TEST_SKIPPED + ".");
        // The facet choice of the explanations by group needs no answer beyond the summary: it works in a file.
        new Select(byId("fairness-facet")).selectByVisibleText("personal__age<25");
        assertThat(byId("chart-fairness-shap").getDomAttribute("data-facet")).isEqualTo("personal__age<25");
        assertThat(byId("fairness-facet").isEnabled()).isTrue();
    }

    @Test
    void listsTheHundredExportedApplicantsInFourPagesByScore() {
        assertThat(tableRowIds()).containsExactlyElementsOf(exported.subList(0, 25));
        assertThat(byId("page-info").getText())
                .isEqualTo("Applicants 1\u201325 of 200 (this export holds the first 100)");

        for (int page = 1; page < 4; page++) {
            byId("page-next").click();
            String first = exported.get(25 * page);
            waitUntil(d -> tableRowIds().get(0).equals(first));
        }

        assertThat(tableRowIds()).containsExactlyElementsOf(exported.subList(75, 100));
        assertThat(byId("page-info").getText()).startsWith("Applicants 76\u2013100 of 200");
        assertThat(byId("page-next").isEnabled()).isFalse();
        assertThat(byId("page-prev").isEnabled()).isTrue();
    }

    @Test
    void opensAnExportedApplicantWithItsWaterfallReasonsAndData() {
        driver.findElement(By.cssSelector("#applicants-table tbody tr button")).click();
        waitUntil(d -> exported.get(0).equals(byId("applicant").getDomAttribute("data-row-id")));

        assertThat(byId("applicant-row").getText()).isEqualTo(exported.get(0));
        assertPainted("chart-waterfall");
        // The expected value, the ten largest SHAP values, the other ten as one step, and the raw score.
        assertThat(byId("chart-waterfall").getDomAttribute("data-bars")).isEqualTo("13");
        // The probability view's walk: baseline probability, the same 11 steps, the prediction.
        assertPainted("chart-waterfall-probability");
        assertThat(byId("chart-waterfall-probability").getDomAttribute("data-bars"))
                .isEqualTo("13");
        assertThat(byId("waterfall-probability-method").getText()).contains("secant-scaling/1");
        assertThat(driver.findElements(By.cssSelector("#applicant-data tbody tr")))
                .hasSize(20);
        assertThat(driver.findElements(By.cssSelector("#reasons li"))).isNotEmpty();
        // The printable page and the PDF are the service's routes: not offered in a file.
        assertThat(byId("applicant-downloads").isDisplayed()).isFalse();
    }

    @Test
    void saysWhatTheExportHoldsAndDisablesTheControlsItHasNoAnswersFor() {
        assertThat(byId("subtitle").getText()).startsWith("An export of run predictions");
        assertThat(byId("export-note").isDisplayed()).isTrue();
        assertThat(byId("export-note").getText())
                .startsWith("This file is an export of run predictions: the figures and charts of all 200 applicants,"
                        + " and the 100 highest-risk applicants (by score) with their explanations.")
                .contains("the dashboard service (batch serve), which has every applicant");
        for (String control :
                List.of("filter-label", "filter-score-min", "filter-reason", "filter-extra", "sort", "apply-filters")) {
            assertThat(byId(control).isEnabled()).as(control).isFalse();
        }
        assertThat(byId("random").isEnabled()).isTrue();
        assertThat(byId("features-shown").isEnabled()).isTrue();
        assertThat(byId("export-link").isDisplayed()).isFalse();
        assertThat(byId("api-link").isDisplayed()).isFalse();
    }

    @Test
    void opensAnExportedRowIdAndSaysThatOthersAreOnlyInTheDashboard() throws IOException {
        String other =
                LabelReader.read(BatchOutputFixture.labels(), tools.jackson.databind.json.JsonMapper.shared())
                        .keySet()
                        .stream()
                        .filter(rowId -> !exported.contains(rowId))
                        .sorted()
                        .findFirst()
                        .orElseThrow();

        byId("search-row").sendKeys(other);
        byId("search-open").click();
        waitUntil(d -> byId("applicants-error").isDisplayed());

        assertThat(byId("applicants-error").getText())
                .startsWith("Not in this export: this file is an export of run predictions");
        assertThat(byId("applicant").isDisplayed()).isFalse();

        byId("search-row").clear();
        byId("search-row").sendKeys(exported.get(42));
        byId("search-open").click();
        waitUntil(d -> exported.get(42).equals(byId("applicant").getDomAttribute("data-row-id")));
        assertThat(byId("applicants-error").isDisplayed()).isFalse();
    }

    @Test
    void drawsARandomApplicantAmongTheExportedOnes() {
        byId("random").click();
        waitUntil(d -> byId("applicant").getDomAttribute("data-row-id") != null);

        assertThat(byId("applicant").getDomAttribute("data-row-id")).isIn(exported);
    }

    @Test
    void redrawsTheBeeswarmAndTheDependencePlotForEveryChoiceTheExportHolds() {
        new Select(byId("features-shown")).selectByValue("all");
        waitUntil(d -> "20".equals(byId("chart-beeswarm").getDomAttribute("data-features")));
        // 200 applicants, all sampled, of 20 features.
        assertThat(script("return echarts.getInstanceByDom(document.getElementById('chart-beeswarm'))"
                        + ".getOption().series[0].data.length"))
                .isEqualTo(4000L);

        new Select(byId("dependence-feature")).selectByValue("credit__purpose");
        waitUntil(d -> byId("dependence-caption").getText().contains("SHAP values of credit__purpose"));
        assertThat(script("return echarts.getInstanceByDom(document.getElementById('chart-dependence'))"
                        + ".getOption().xAxis[0].type"))
                .isEqualTo("category");
        assertThat(byId("beeswarm-error").isDisplayed()).isFalse();
        assertThat(byId("dependence-error").isDisplayed()).isFalse();
    }

    @Test
    void logsNoErrorToTheConsoleAndLeavesAScreenshot() throws IOException {
        driver.manage().logs().get(LogType.BROWSER); // drops what earlier tests logged
        openReport();

        List<LogEntry> errors = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .toList();

        assertThat(errors).isEmpty();
        Files.createDirectories(SCREENSHOT.getParent());
        Files.move(driver.getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOT, StandardCopyOption.REPLACE_EXISTING);
        assertThat(SCREENSHOT).isNotEmptyFile();
    }
}
