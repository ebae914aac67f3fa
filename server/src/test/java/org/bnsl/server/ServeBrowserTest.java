package org.bnsl.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The page in a real browser: Debian's chromium, headless, driven by Selenium through Debian's
 * chromedriver (never downloaded; {@code ./test} installs both). Uploads the 4-digit-addition CSV,
 * picks the columns, fits, reads the break off the page, moves the target slider and checks the
 * prediction shown against the engine; saves the screenshot docs/img/serve.png.
 */
class ServeBrowserTest {
    static final Path EXAMPLE = Path.of("..", "examples", "four_digit_addition.csv");
    static final Path SCREENSHOT = Path.of("..", "docs", "img", "serve.png");

    static BnslServer server;
    static WebDriver driver;
    static Path downloads;

    @BeforeAll
    static void start() throws java.io.IOException {
        assertThat(EXAMPLE).as("the example CSV beside the module").exists();
        assertThat(Path.of("/usr/bin/chromedriver")).as("chromedriver (apt-get install chromium-driver; ./test installs it)").exists();
        server = BnslServer.start(ServerOptions.defaults().withPort(0).withWorkers(2, 8));
        ChromeOptions o = new ChromeOptions();
        o.setBinary("/usr/bin/chromium");
        o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1100,1650",
                "--hide-scrollbars", "--disable-extensions", "--no-first-run");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        o.setCapability("goog:loggingPrefs", logs);
        downloads = Files.createTempDirectory("bnsl-serve-downloads");
        o.setExperimentalOption("prefs", java.util.Map.of("download.default_directory", downloads.toString(),
                "download.prompt_for_download", false, "profile.default_content_setting_values.automatic_downloads", 1));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, o);
        ((ChromeDriver) driver).executeCdpCommand("Browser.setDownloadBehavior", java.util.Map.of("behavior", "allow", "downloadPath",
                downloads.toString(), "eventsEnabled", false));
    }

    @AfterAll
    static void stop() {
        if (driver != null) driver.quit();
        if (server != null) server.close();
        if (downloads != null) {
            try (var files = Files.list(downloads)) {
                for (Path f : files.toList()) Files.deleteIfExists(f);
                Files.deleteIfExists(downloads);
            } catch (java.io.IOException e) {
                // a temporary folder left behind
            }
        }
    }

    private static WebDriverWait waitUpTo(int seconds) {
        return new WebDriverWait(driver, Duration.ofSeconds(seconds));
    }

    @Test
    void uploadFitReadTheBreakMoveTheSliderAndPredictAsTheEngineDoes() throws Exception {
        driver.manage().logs().get(LogType.BROWSER); // drains what other tests left
        driver.get(server.url().toString());
        driver.findElement(By.id("file")).sendKeys(EXAMPLE.toAbsolutePath().normalize().toString());
        waitUpTo(10).until(d -> new Select(d.findElement(By.id("y"))).getOptions().size() >= 2);
        new Select(driver.findElement(By.id("x"))).selectByValue("dataset_size");
        new Select(driver.findElement(By.id("y"))).selectByValue("test_cross_entropy");
        new Select(driver.findElement(By.id("breaks"))).selectByValue("1");
        driver.findElement(By.id("holdout_above")).sendKeys("736");
        driver.findElement(By.id("fit")).click();
        waitUpTo(60).until(d -> !d.findElements(By.cssSelector("#predictions li.prediction")).isEmpty()
                || !d.findElement(By.id("error")).getText().isEmpty());
        assertThat(driver.findElement(By.id("error")).getText()).as("error shown on the page").isEmpty();

        // the break, as the page shows it
        String breaksText = driver.findElement(By.id("breaks-out")).getText();
        assertThat(breaksText).startsWith("break at x = ");
        double pageBreak = Double.parseDouble(((JavascriptExecutor) driver)
                .executeScript("return JSON.parse(document.getElementById('breaks-out').dataset.breaks)[0]").toString());
        assertThat(pageBreak).isBetween(300.0, 2000.0);
        assertThat(driver.findElements(By.cssSelector("#chart canvas"))).isNotEmpty();
        // the report's own tables (output "tables"): the six parameters of the 1-break BNSL, and the scores of the held-out points
        List<String> params = driver.findElements(By.cssSelector("#tables td[data-key*=':param:']")).stream()
                .map(td -> td.getAttribute("data-key")).toList();
        assertThat(params).containsExactly("four-digit-addition:param:a", "four-digit-addition:param:b", "four-digit-addition:param:c0",
                "four-digit-addition:param:c1", "four-digit-addition:param:d1", "four-digit-addition:param:f1");
        WebElement group = driver.findElement(By.cssSelector("#tables section.group"));
        assertThat(group.getAttribute("data-group")).isEqualTo("four_digit_addition");
        assertThat(group.findElement(By.tagName("h3")).getText()).isEqualTo("four_digit_addition");
        WebElement heldOut = driver.findElement(By.cssSelector("#tables td[data-key='four-digit-addition:holdout-rmsle']"))
                .findElement(By.xpath(".."));
        assertThat(heldOut.getText()).startsWith("held out").contains(" 3 ");
        double pageD1 = Double.parseDouble(driver.findElement(By.cssSelector("#tables td[data-key='four-digit-addition:param:d1']"))
                .getAttribute("data-value"));
        Engine.checkParameter(EXAMPLE, "d1", pageD1);

        // move the slider with the keyboard: the prediction follows
        WebElement slider = driver.findElement(By.id("slider"));
        double before = shown()[0];
        slider.sendKeys(Keys.HOME);
        for (int i = 0; i < 6; i++) slider.sendKeys(Keys.PAGE_UP);
        String value = slider.getAttribute("value");
        assertThat(Integer.parseInt(value)).isBetween(1, 999);
        double[][] last = new double[1][];
        waitUpTo(20).until(d -> {
            last[0] = shown();
            return last[0][0] != before && Math.abs(last[0][0] - last[0][2]) <= 1e-9 * last[0][2];
        });
        double x = last[0][0];
        double predicted = last[0][1];
        Engine.check(EXAMPLE, pageBreak, x, predicted);

        // the downloads: the model file, the HTML report and the SVG, each what the API answers
        driver.findElement(By.id("dl-model")).click();
        driver.findElement(By.id("dl-report")).click();
        driver.findElement(By.id("dl-svg")).click();
        try {
            waitUpTo(30).until(d -> Files.exists(downloads.resolve("bnsl-model.json")) && Files.exists(downloads.resolve("bnsl-report.html"))
                    && Files.exists(downloads.resolve("bnsl-fit.svg")));
        } catch (org.openqa.selenium.TimeoutException e) {
            try (var files = Files.list(downloads)) {
                throw new AssertionError("downloaded: " + files.toList() + "; page error: " + driver.findElement(By.id("error")).getText(), e);
            }
        }
        String modelFile = Files.readString(downloads.resolve("bnsl-model.json"));
        assertThat(modelFile).contains("\"format\" : \"bnsl-model\"");
        assertThat(org.bnsl.io.model.ModelFile.read("download", modelFile)).hasSize(1);
        assertThat(Files.readString(downloads.resolve("bnsl-report.html"))).contains("<html").contains("four_digit_addition");
        assertThat(Files.readString(downloads.resolve("bnsl-fit.svg"))).contains("<svg");

        Files.createDirectories(SCREENSHOT.getParent());
        Files.write(SCREENSHOT, ((ChromeDriver) driver).getScreenshotAs(OutputType.BYTES));
        assertThat(Files.size(SCREENSHOT)).isGreaterThan(20_000);

        List<LogEntry> errors = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
        assertThat(errors).as("the browser console's errors").isEmpty();
    }

    @Test
    void anErrorShowsNextToTheFieldItConcerns() {
        driver.get(server.url().toString());
        ((JavascriptExecutor) driver).executeScript("document.getElementById('csv').value = arguments[0];"
                + "document.getElementById('csv').dispatchEvent(new Event('input'));", "size,loss\n1,2\n2,1.5\n4,1.2\n8,1.1\n");
        driver.findElement(By.id("holdout_above")).sendKeys("1e9");
        driver.findElement(By.id("fit")).click();
        WebElement err = driver.findElement(By.cssSelector("[data-err='holdout_above']"));
        waitUpTo(30).until(d -> !err.getText().isEmpty());
        assertThat(err.getText()).contains("holdout_above").contains("holds out nothing");
        assertThat(driver.findElement(By.id("holdout_above")).getAttribute("class")).contains("invalid");
    }

    @Test
    void severalCurvesAreFittedAndBacktested() {
        driver.get(server.url().toString());
        StringBuilder csv = new StringBuilder("curve,x,y\n");
        for (String c : List.of("a", "b")) {
            for (int i = 0; i < 12; i++) {
                double x = Math.pow(2, i);
                csv.append(c).append(',').append(x).append(',').append((c.equals("a") ? 2 : 3) * Math.pow(x, -0.3) + 0.5).append('\n');
            }
        }
        ((JavascriptExecutor) driver).executeScript("document.getElementById('csv').value = arguments[0];"
                + "document.getElementById('csv').dispatchEvent(new Event('input'));", csv.toString());
        new Select(driver.findElement(By.id("x"))).selectByValue("x");
        new Select(driver.findElement(By.id("y"))).selectByValue("y");
        new Select(driver.findElement(By.id("group"))).selectByValue("curve");
        new Select(driver.findElement(By.id("law"))).selectByValue("power");
        driver.findElement(By.id("holdout_above")).sendKeys("256");
        driver.findElement(By.id("bootstrap")).clear();
        driver.findElement(By.id("fit")).click();
        waitUpTo(60).until(d -> d.findElements(By.cssSelector("#predictions li.prediction")).size() == 2
                || !d.findElement(By.id("error")).getText().isEmpty());
        assertThat(driver.findElement(By.id("error")).getText()).isEmpty();
        assertThat(driver.findElement(By.id("backtest-section")).isDisplayed()).isTrue();
        driver.findElement(By.id("run-backtest")).click();
        waitUpTo(90).until(d -> !d.findElements(By.cssSelector("#backtest tbody tr")).isEmpty()
                || !d.findElement(By.cssSelector("[data-err='backtest']")).getText().isEmpty());
        assertThat(driver.findElement(By.cssSelector("[data-err='backtest']")).getText()).isEmpty();
        List<String> methods = driver.findElements(By.cssSelector("#backtest tbody tr td:first-child")).stream().map(WebElement::getText)
                .toList();
        assertThat(methods).contains("auto", "oracle");
    }

    /** The x and prediction shown (read at once: the list is redrawn as answers arrive), and the slider's x as the page computes it. */
    private static double[] shown() {
        Object o = ((JavascriptExecutor) driver).executeScript("const li = document.querySelector('#predictions li.prediction');"
                + "return li ? [li.dataset.x, li.dataset.value, String(sliderX())] : ['NaN', 'NaN', 'NaN'];");
        List<?> v = (List<?>) o;
        return new double[] {Double.parseDouble(v.get(0).toString()), Double.parseDouble(v.get(1).toString()),
            Double.parseDouble(v.get(2).toString())};
    }
}
