package org.bwnetflow.connect.dashboard.browser;

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
import java.util.List;
import org.bwnetflow.connect.dashboard.testing.KnownTraffic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real browser: headless Chromium (Debian's chromium and chromium-driver, which
 * the test command installs) driven by Selenium, cut off from every network but 127.0.0.1 (all
 * other traffic goes to a proxy that answers nothing, and no name resolves). The page must load,
 * draw its charts with the vendored ECharts, and show totals equal to the rows in QuestDB; a
 * customer's login shows its own numbers only. Screenshots go to target/screenshots/.
 */
class DashboardBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @TempDir
    static Path dir;
    private static KnownTraffic traffic;
    private static ServerSocket blackhole;
    private WebDriver browser;

    @BeforeAll
    static void start() throws Exception {
        // No skipping: CI installs both (bin/test-all); a machine without them fails here, saying so.
        assertThat(CHROMIUM).as("Debian package chromium (bin/test-all installs it)").isExecutable();
        assertThat(CHROMEDRIVER).as("Debian package chromium-driver (bin/test-all installs it)").isExecutable();
        traffic = KnownTraffic.start(dir);
        blackhole = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread drop = new Thread(DashboardBrowserTest::dropEverything, "blackhole-proxy");
        drop.setDaemon(true);
        drop.start();
    }

    /** The proxy every non-loopback request goes to: it reads the request and closes without answering. */
    private static void dropEverything() {
        while (!blackhole.isClosed()) {
            try (Socket socket = blackhole.accept(); InputStream in = socket.getInputStream()) {
                in.read(new byte[4096]);
            } catch (IOException e) {
                // closed, or the browser gave up
            }
        }
    }

    @AfterAll
    static void stop() throws IOException {
        if (traffic != null) {
            traffic.close();
        }
        if (blackhole != null) {
            blackhole.close();
        }
    }

    @BeforeEach
    void openBrowser() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1400,1900", "--no-first-run", "--disable-background-networking", "--disable-sync",
                "--disable-component-update", "--lang=en-US",
                "--proxy-server=http://127.0.0.1:" + blackhole.getLocalPort(),
                "--proxy-bypass-list=<-loopback>;127.0.0.1",
                "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1");
        // The driver by path: Selenium Manager (which would download one) never runs.
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().withLogFile(new File("target/chromedriver.log")).build();
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void theOperatorPageDrawsItsChartsAndShowsTheTotalsOfTheRows() throws Exception {
        login("noc", "noc-pw");
        open("");
        assertThat(value("total-bytes")).as("all customers").isEqualTo(traffic.allBytes());
        assertThat(browser.findElements(By.cssSelector(".chart canvas"))).as("a chart per panel").hasSize(8);
        assertThat(rows("top-customers")).containsExactly("1001", "1000");
        screenshot("operator.png");

        open("&cid=1000");
        assertThat(value("total-bytes")).as("customer 1000").isEqualTo(traffic.bytes("1000"));
        assertThat(rows("top-talkers")).containsExactlyInAnyOrder("10.0.0.1", "10.0.0.2");
        assertEveryRequestWasLocal();
    }

    @Test
    void aCustomerSeesItsOwnNumbersAndTheServerRefusesAnothers() throws Exception {
        login("acme", "acme-pw");
        open("");
        assertThat(browser.findElement(By.id("who")).getText()).contains("customer 1000");
        assertThat(value("total-bytes")).isEqualTo(traffic.bytes("1000"));
        assertThat(rows("top-talkers")).containsExactlyInAnyOrder("10.0.0.1", "10.0.0.2");
        assertThat(browser.findElement(By.id("top-customers-box")).isDisplayed()).isFalse();
        assertThat(browser.findElements(By.cssSelector(".chart canvas"))).as("no per-customer panel").hasSize(7);
        screenshot("customer.png");

        // The page's own session asks the API directly for customer 1001: refused by the server.
        Object status = ((JavascriptExecutor) browser).executeAsyncScript(
                "const done = arguments[0]; fetch('/api/totals?cid=1001&" + KnownTraffic.range()
                        + "').then(r => done(r.status));");
        assertThat(((Number) status).intValue()).isEqualTo(403);
        assertEveryRequestWasLocal();
    }

    @Test
    void theLockedDownBrowserReallyReachesNothingElse() {
        browser.get(traffic.server().url() + "/login.html");
        Object loaded = ((JavascriptExecutor) browser).executeAsyncScript(
                "const done = arguments[0]; const s = document.createElement('script');"
                        + "s.src = 'http://127.0.0.2:" + traffic.server().port() + "/dashboard.js';"
                        + "s.onload = () => done('loaded'); s.onerror = () => done('blocked');"
                        + "document.head.appendChild(s);");
        assertThat(loaded).as("another loopback address, reachable without the lock-down").isEqualTo("blocked");
    }

    private void login(String user, String password) {
        browser.get(traffic.server().url() + "/");
        assertThat(browser.getCurrentUrl()).endsWith("/login.html");
        browser.findElement(By.name("user")).sendKeys(user);
        browser.findElement(By.name("password")).sendKeys(password);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> d.getCurrentUrl().endsWith("/"));
    }

    /** Opens the page on the known range (plus more URL parameters) and waits until it has drawn everything. */
    private void open(String moreParams) {
        browser.get(traffic.server().url() + "/?" + KnownTraffic.range() + moreParams);
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d ->
                "true".equals(d.findElement(By.tagName("body")).getAttribute("data-ready")));
        assertThat(browser.findElement(By.id("error")).isDisplayed()).as(browser.findElement(By.id("error")).getText())
                .isFalse();
    }

    private long value(String id) {
        return Math.round(Double.parseDouble(browser.findElement(By.id(id)).getAttribute("data-value")));
    }

    private List<String> rows(String table) {
        return browser.findElements(By.cssSelector("#" + table + " tbody tr")).stream()
                .map(row -> row.getAttribute("data-key")).toList();
    }

    /** Every resource the page loaded came from the dashboard itself: nothing from a CDN. */
    @SuppressWarnings("unchecked")
    private void assertEveryRequestWasLocal() {
        List<Object> entries = (List<Object>) ((JavascriptExecutor) browser).executeScript(
                "return performance.getEntriesByType('resource').map(e => e.name);");
        assertThat(entries).isNotEmpty().allSatisfy(url ->
                assertThat((String) url).startsWith(traffic.server().url() + "/"));
    }

    private void screenshot(String name) throws IOException {
        Path target = Path.of("target", "screenshots");
        Files.createDirectories(target);
        Files.write(target.resolve(name), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
}
