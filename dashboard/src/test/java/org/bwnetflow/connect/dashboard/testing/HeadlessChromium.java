package org.bwnetflow.connect.dashboard.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven by Selenium, cut off from every network but 127.0.0.1: all
 * other traffic goes to a proxy that answers nothing, and no name resolves. The driver is given
 * by path, so Selenium Manager (which would download one) never runs. Missing packages fail.
 */
public final class HeadlessChromium implements AutoCloseable {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private final ServerSocket blackhole;
    private final WebDriver browser;

    private HeadlessChromium(String trustedSpkiSha256) throws IOException {
        // No skipping: CI installs both (bin/test-all); a machine without them fails here, saying so.
        assertThat(CHROMIUM).as("Debian package chromium (bin/test-all installs it)").isExecutable();
        assertThat(CHROMEDRIVER).as("Debian package chromium-driver (bin/test-all installs it)").isExecutable();
        blackhole = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread drop = new Thread(this::dropEverything, "blackhole-proxy");
        drop.setDaemon(true);
        drop.start();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1400,1900", "--no-first-run", "--disable-background-networking", "--disable-sync",
                "--disable-component-update", "--lang=en-US",
                "--proxy-server=http://127.0.0.1:" + blackhole.getLocalPort(),
                "--proxy-bypass-list=<-loopback>;127.0.0.1",
                "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1");
        if (trustedSpkiSha256 != null) {
            // Exactly one certificate's key is accepted besides the system's trust: the test's self-signed one.
            options.addArguments("--ignore-certificate-errors-spki-list=" + trustedSpkiSha256);
        }
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().withLogFile(new File("target/chromedriver.log")).build();
        browser = new ChromeDriver(service, options);
    }

    public static HeadlessChromium offline() throws IOException {
        return new HeadlessChromium(null);
    }

    /**
     * Offline, and accepting the certificate whose public key has this SHA-256 (Base64, see
     * {@link SelfSignedKeystore#spkiSha256()}) for HTTPS: no other certificate error is ignored.
     */
    public static HeadlessChromium offlineTrusting(String spkiSha256) throws IOException {
        return new HeadlessChromium(spkiSha256);
    }

    /**
     * The console holds no message of a violated Content-Security-Policy, nor any error but those
     * naming one of {@code allowed} (e.g. an expected 403 of the page's own request): everything
     * the page loads and does is allowed by the policy the dashboard sends.
     */
    public void assertNoConsoleErrors(String... allowed) {
        List<String> messages = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue()
                        || entry.getMessage().contains("Content Security Policy"))
                .map(LogEntry::getMessage).filter(m -> Arrays.stream(allowed).noneMatch(m::contains)).toList();
        assertThat(messages).as("the browser's console").isEmpty();
    }

    /** The proxy every non-loopback request goes to: it reads the request and closes without answering. */
    private void dropEverything() {
        while (!blackhole.isClosed()) {
            try (Socket socket = blackhole.accept(); InputStream in = socket.getInputStream()) {
                in.read(new byte[4096]);
            } catch (IOException e) {
                // closed, or the browser gave up
            }
        }
    }

    public WebDriver driver() {
        return browser;
    }

    /** Logs in through the dashboard's form at {@code baseUrl}. */
    public void login(String baseUrl, String user, String password) {
        browser.get(baseUrl + "/");
        assertThat(browser.getCurrentUrl()).endsWith("/login.html");
        browser.findElement(By.name("user")).sendKeys(user);
        browser.findElement(By.name("password")).sendKeys(password);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> d.getCurrentUrl().endsWith("/"));
    }

    /** Opens a dashboard page and waits until it has drawn everything, without an error shown. */
    public void open(String url) {
        browser.get(url);
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d ->
                "true".equals(d.findElement(By.tagName("body")).getAttribute("data-ready")));
        assertThat(browser.findElement(By.id("error")).isDisplayed()).as(browser.findElement(By.id("error")).getText())
                .isFalse();
    }

    /** The exact number behind a shown value ({@code data-value}). */
    public long value(String id) {
        return Math.round(Double.parseDouble(browser.findElement(By.id(id)).getAttribute("data-value")));
    }

    /** The keys of a table's rows, in order. */
    public List<String> rows(String table) {
        return browser.findElements(By.cssSelector("#" + table + " tbody tr")).stream()
                .map(row -> row.getAttribute("data-key")).toList();
    }

    /** The exact number behind a table cell ({@code data-value} of the row {@code data-key}, cell {@code data-field}). */
    public double cell(String table, String key, String field) {
        return Double.parseDouble(browser.findElement(By.cssSelector("#" + table + " tbody tr[data-key='" + key
                + "'] td[data-field='" + field + "']")).getAttribute("data-value"));
    }

    /** The traffic panels drawn (charts in {@code #charts}). */
    public int charts() {
        return browser.findElements(By.cssSelector("#charts .chart canvas")).size();
    }

    public Object script(String asyncScript) {
        return ((JavascriptExecutor) browser).executeAsyncScript(asyncScript);
    }

    /** Every resource the page loaded came from {@code baseUrl}: nothing from a CDN. */
    @SuppressWarnings("unchecked")
    public void assertEveryRequestWentTo(String baseUrl) {
        List<Object> entries = (List<Object>) ((JavascriptExecutor) browser).executeScript(
                "return performance.getEntriesByType('resource').map(e => e.name);");
        assertThat(entries).isNotEmpty().allSatisfy(url -> assertThat((String) url).startsWith(baseUrl + "/"));
    }

    /** The whole page: the window grows to the page's height first (the default window's at least). */
    public void screenshot(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        growToPage();
        Files.write(file, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    private void growToPage() {
        Number missing = (Number) ((JavascriptExecutor) browser).executeScript(
                "return document.documentElement.scrollHeight - window.innerHeight;");
        if (missing.intValue() > 0) {
            Dimension window = browser.manage().window().getSize();
            browser.manage().window().setSize(new Dimension(window.getWidth(), window.getHeight() + missing.intValue()));
        }
    }

    /** One element of the page (e.g. a section), as it is drawn; the window grows to the page's height first. */
    public void screenshot(Path file, By element) throws IOException {
        Files.createDirectories(file.getParent());
        growToPage();
        Files.write(file, browser.findElement(element).getScreenshotAs(OutputType.BYTES));
    }

    @Override
    public void close() throws IOException {
        browser.quit();
        blackhole.close();
    }
}
