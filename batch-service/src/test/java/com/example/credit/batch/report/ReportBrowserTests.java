package com.example.credit.batch.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.credit.batch.HeadlessChromium;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Opens the report in a real headless Chromium (Debian's, with its chromedriver, so Selenium Manager never
 * downloads anything) and checks that every section renders and the drill-down reacts.
 */
class ReportBrowserTests {

    private static final Path REPORT =
            Path.of("target", "report-fixture", "batch-report.html").toAbsolutePath();
    private static final Path SCREENSHOT =
            Path.of("target", "screenshots", "batch-report.png").toAbsolutePath();

    private static ChromeDriver driver;
    private static ReportSummary summary;

    @BeforeAll
    static void openReport() {
        summary = DatasetReport.write(BatchOutputFixture.predictions(), BatchOutputFixture.labels(), REPORT);
        driver = HeadlessChromium.start(1440, 4300);
        driver.get(REPORT.toUri().toString());
        new WebDriverWait(driver, Duration.ofSeconds(30))
                .until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-rendered")));
    }

    @AfterAll
    static void closeBrowser() {
        if (driver != null) {
            driver.quit();
        }
    }

    private static Object script(String code) {
        return ((JavascriptExecutor) driver).executeScript(code);
    }

    @Test
    void drawsEveryChartOnANonEmptyCanvas() {
        for (String chart : List.of(
                "chart-importance",
                "chart-beeswarm",
                "chart-dependence",
                "chart-roc",
                "chart-histogram",
                "chart-calibration",
                "chart-waterfall")) {
            WebElement canvas = driver.findElement(By.cssSelector("#" + chart + " canvas"));
            assertThat(canvas.getSize().getWidth()).as(chart).isGreaterThan(300);
            assertThat(canvas.getSize().getHeight()).as(chart).isGreaterThan(300);
            // Painted pixels, not just a blank canvas of the right size.
            Object painted = script("var c = document.querySelector('#" + chart + " canvas');"
                    + "var d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                    + "var n = 0; for (var i = 3; i < d.length; i += 4) { if (d[i] > 0) { n++; } } return n;");
            assertThat((Long) painted).as(chart).isGreaterThan(1000);
        }
    }

    @Test
    void showsTheAucOfTheLabelledRecords() {
        String auc = String.format(java.util.Locale.ROOT, "%.3f", summary.auc());

        assertThat(driver.findElement(By.id("auc-value")).getText()).isEqualTo(auc);
        assertThat(driver.findElement(By.id("auc-text")).getText())
                .startsWith(String.format(java.util.Locale.ROOT, "AUC %.4f over 200 labelled records", summary.auc()));
        assertThat(
                        script(
                                "return echarts.getInstanceByDom(document.getElementById('chart-roc')).getOption().title[0].text"))
                .isEqualTo("ROC curve (AUC " + auc + ")");
    }

    @Test
    void plotsOneImportanceBarAndOneBeeswarmRowPerFeature() {
        assertThat(script("return echarts.getInstanceByDom(document.getElementById('chart-importance'))"
                        + ".getOption().series[0].data.length"))
                .isEqualTo(20L);
        assertThat(script("return echarts.getInstanceByDom(document.getElementById('chart-beeswarm'))"
                        + ".getOption().series[0].data.length"))
                .isEqualTo(4000L);
        assertThat(driver.findElement(By.id("sample-note")).getText()).isEqualTo("All 200 records are drawn.");
    }

    @Test
    void switchingTheDrillDownRecordRedrawsItsWaterfallAndReasons() {
        Select records = new Select(driver.findElement(By.id("record-select")));
        String firstId = driver.findElement(By.id("chart-waterfall")).getDomAttribute("data-record");
        String firstBars = (String) script("return JSON.stringify(echarts.getInstanceByDom("
                + "document.getElementById('chart-waterfall')).getOption().series[1].data)");

        records.selectByIndex(records.getOptions().size() - 1);

        String secondId = driver.findElement(By.id("chart-waterfall")).getDomAttribute("data-record");
        String secondBars = (String) script("return JSON.stringify(echarts.getInstanceByDom("
                + "document.getElementById('chart-waterfall')).getOption().series[1].data)");
        assertThat(secondId).isNotEqualTo(firstId);
        assertThat(driver.findElement(By.id("record-id")).getText()).isEqualTo(secondId);
        assertThat(secondBars).isNotEqualTo(firstBars);
        assertThat(driver.findElements(By.cssSelector("#reasons li"))).isNotEmpty();
        records.selectByIndex(0);
    }

    @Test
    void switchingTheDependenceFeatureRedrawsThePlot() {
        Select features = new Select(driver.findElement(By.id("dependence-feature")));

        features.selectByValue("6");

        assertThat(script("return echarts.getInstanceByDom(document.getElementById('chart-dependence'))"
                        + ".getOption().xAxis[0].type"))
                .isEqualTo("category");
        assertThat(driver.findElement(By.id("dependence-description")).getText())
                .isNotBlank();
    }

    @Test
    void logsNoErrorToTheConsoleAndLeavesAScreenshot() throws Exception {
        List<LogEntry> errors = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .toList();

        assertThat(errors).isEmpty();
        Files.createDirectories(SCREENSHOT.getParent());
        Files.move(driver.getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOT, StandardCopyOption.REPLACE_EXISTING);
        assertThat(SCREENSHOT).isNotEmptyFile();
    }
}
