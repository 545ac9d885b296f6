package com.example.credit.explainer;

import static com.example.credit.explainer.HttpSupport.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

/** The explanation page in a real headless Chromium: form from the schema, two waterfalls and the reasons. */
class ExplainerPageTests extends ServiceTestBase {

    private static final Path SCREENSHOT = Path.of("target", "screenshots", "explainer-page.png");

    private static WebDriver browser;

    @BeforeAll
    static void startBrowser() {
        // The system's chromedriver and chromium: Selenium Manager must never try to download a browser.
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions()
                .setBinary("/usr/bin/chromium")
                .addArguments(
                        "--headless=new",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-dev-shm-usage",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--no-first-run",
                        "--window-size=1400,1500");
        browser = new ChromeDriver(service, options);
        browser.manage().window().setSize(new Dimension(1400, 1500));
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void explainsTheExampleApplicationWithTwoWaterfallsAndTheReasons() throws Exception {
        browser.get("http://localhost:" + port + "/");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-ready", "true"));

        // The form comes from the schema and is pre-filled with the example application.
        assertThat(new Select(browser.findElement(By.id("f-credit__purpose")))
                        .getFirstSelectedOption()
                        .getAttribute("value"))
                .isEqualTo("electronics");
        WebElement duration = browser.findElement(By.id("f-credit__duration"));
        assertThat(duration.getAttribute("type")).isEqualTo("number");
        assertThat(duration.getAttribute("min")).isEqualTo("1");
        assertThat(duration.getAttribute("max")).isEqualTo("120");
        assertThat(browser.findElements(By.cssSelector(".field"))).hasSize(20);

        browser.findElement(By.id("submit")).click();
        wait.until(ExpectedConditions.attributeToBe(By.id("chart-groups"), "data-rendered", "true"));
        wait.until(ExpectedConditions.attributeToBe(By.id("chart-features"), "data-rendered", "true"));
        wait.until(ExpectedConditions.attributeToBe(By.id("reasons"), "data-rendered", "true"));

        JsonNode expected = json(http().post(
                        "/invocations",
                        exampleApplication(),
                        "Content-Type",
                        "application/json;entities=prediction,explanation_shap_values,reasons"));
        assertChart("chart-groups", 6 + 2);
        assertChart("chart-features", 8 + 1 + 2);
        String prediction = percent(expected.get("prediction").asDouble());
        String baseline = percent(expected.get("explanation_shap_values")
                .get("probability_view")
                .get("baseline")
                .asDouble());
        assertThat(browser.findElement(By.id("prediction")).getText()).isEqualTo(prediction);
        assertThat(browser.findElement(By.id("baseline")).getText()).isEqualTo(baseline);
        assertThat(svgText("chart-features")).contains("prediction " + prediction, "baseline " + baseline);
        assertThat(svgText("chart-features")).contains("Other features (12)");
        assertThat(svgText("chart-groups")).contains("Credit", "Finance");

        List<String> shown = browser.findElements(By.cssSelector("#reasons li .text")).stream()
                .map(WebElement::getText)
                .toList();
        List<String> served = expected.get("reasons")
                .get("reasons")
                .valueStream()
                .map(reason -> reason.get("text").asString())
                .toList();
        assertThat(shown).isNotEmpty().isEqualTo(served);

        Files.createDirectories(SCREENSHOT.getParent());
        byte[] png = ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES);
        Files.write(SCREENSHOT, png);
        assertThat(png).hasSizeGreaterThan(10_000);
    }

    @Test
    void explainsAgainstTheChosenReferenceSetAndSaysWhichOne() throws Exception {
        browser.get("http://localhost:" + port + "/");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-ready", "true"));
        Select method = new Select(browser.findElement(By.id("method")));
        assertThat(method.getOptions().stream().map(option -> option.getAttribute("value")))
                .containsExactly("path_dependent", "background", "approved");
        assertThat(method.getFirstSelectedOption().getAttribute("value")).isEqualTo("path_dependent");

        method.selectByValue("approved");
        browser.findElement(By.id("submit")).click();
        wait.until(ExpectedConditions.attributeToBe(By.id("basis"), "data-reference", "approved"));
        wait.until(ExpectedConditions.attributeToBe(By.id("reasons"), "data-rendered", "true"));

        JsonNode expected = json(http().post(
                        "/invocations",
                        exampleApplication(),
                        "Content-Type",
                        "application/json;entities=prediction,explanation_shap_values,reasons;"
                                + "explanation_method=interventional;reference=approved"));
        JsonNode reference = expected.get("explanation_shap_values").get("reference");
        Files.createDirectories(SCREENSHOT.getParent());
        assertThat(browser.findElement(By.id("basis")).getText())
                .contains(
                        "reference set approved",
                        "200 rows",
                        reference.get("sha256").asString().substring(0, 12));
        assertThat(browser.findElement(By.id("baseline-label")).getText()).containsIgnoringCase("reference approved");
        assertThat(browser.findElement(By.id("baseline")).getText())
                .isEqualTo(percent(expected.get("explanation_shap_values")
                        .get("probability_view")
                        .get("baseline")
                        .asDouble()));
        assertThat(browser.findElement(By.id("reason-version")).getText()).contains("interventional-probability/1");
        List<String> shown = browser.findElements(By.cssSelector("#reasons li .text")).stream()
                .map(WebElement::getText)
                .toList();
        List<String> served = expected.get("reasons")
                .get("reasons")
                .valueStream()
                .map(reason -> reason.get("text").asString())
                .toList();
        assertThat(shown).isEqualTo(served);
        Path screenshot = SCREENSHOT.resolveSibling("explainer-page-interventional.png");
        Files.write(screenshot, ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES));

        // Back to path-dependent: the page explains again at once and says so.
        new Select(browser.findElement(By.id("method"))).selectByValue("path_dependent");
        wait.until(ExpectedConditions.attributeToBe(By.id("basis"), "data-method", "path_dependent"));
        assertThat(browser.findElement(By.id("basis")).getText()).contains("path-dependent");
    }

    @Test
    void marksTheFieldTheServiceRejected() {
        browser.get("http://localhost:" + port + "/");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-ready", "true"));
        WebElement amount = browser.findElement(By.id("f-credit__amount"));
        amount.clear();
        amount.sendKeys("0");

        browser.findElement(By.id("submit")).click();

        WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("error")));
        assertThat(error.getText()).contains("credit__amount");
        assertThat(browser.findElement(By.cssSelector(".field[data-feature='credit__amount']"))
                        .getAttribute("class"))
                .contains("invalid");
    }

    private static void assertChart(String id, int bars) {
        WebElement chart = browser.findElement(By.id(id));
        assertThat(chart.getAttribute("data-bars")).isEqualTo(String.valueOf(bars));
        // ECharts draws with its SVG renderer, so the bars are real DOM paths: the two series' bars plus axes.
        assertThat(chart.findElements(By.cssSelector("svg path"))).hasSizeGreaterThanOrEqualTo(bars);
        assertThat(svgText(id)).contains("Baseline", "Prediction");
    }

    private static String svgText(String id) {
        return String.join(
                "|",
                browser.findElement(By.id(id)).findElements(By.cssSelector("svg text")).stream()
                        .map(element -> element.getAttribute("textContent"))
                        .toList());
    }

    private static String percent(double p) {
        return String.format(java.util.Locale.ROOT, "%.1f%%", 100 * p);
    }

    private static String exampleApplication() throws Exception {
        try (var in = ExplainerPageTests.class.getResourceAsStream(
                "/com/example/credit/core/schema/example-application.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
