package org.bwnetflow.connect.dashboard.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.bwnetflow.connect.dashboard.testing.HeadlessChromium;
import org.bwnetflow.connect.dashboard.testing.KnownTraffic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real browser ({@link HeadlessChromium}: Debian's headless Chromium, cut off
 * from every network but 127.0.0.1) over {@link KnownTraffic}, served over HTTPS with a
 * self-signed certificate made for the test (the browser accepts that certificate's key and no
 * other certificate error), the session cookie Secure and HttpOnly, nothing the page loads or
 * does refused by the Content-Security-Policy (the console holds no violation, also with a
 * chart's tooltip open): the page loads, draws its charts
 * with the vendored ECharts and shows totals equal to the rows in QuestDB, and for the operator
 * the sources' ingest health equal to its rows, trouble marked; a customer's login shows its own
 * numbers only, and no ingest health. Screenshots go to target/screenshots/.
 */
class DashboardBrowserTest {

    @TempDir
    static Path dir;
    private static KnownTraffic traffic;
    private HeadlessChromium chromium;

    @BeforeAll
    static void start() throws Exception {
        traffic = KnownTraffic.startTls(dir);
    }

    @AfterAll
    static void stop() {
        if (traffic != null) {
            traffic.close();
        }
    }

    @BeforeEach
    void openBrowser() throws IOException {
        chromium = HeadlessChromium.offlineTrusting(traffic.keystore().spkiSha256());
    }

    @AfterEach
    void closeBrowser() throws IOException {
        if (chromium != null) {
            chromium.close();
        }
    }

    private String url() {
        return traffic.server().url();
    }

    @Test
    void theOperatorPageDrawsItsChartsAndShowsTheTotalsOfTheRows() throws Exception {
        assertThat(url()).startsWith("https://127.0.0.1:");
        chromium.login(url(), "noc", "noc-pw");
        Cookie session = chromium.driver().manage().getCookieNamed("bwnf_session");
        assertThat(session.isSecure()).as("Secure").isTrue();
        assertThat(session.isHttpOnly()).as("HttpOnly").isTrue();
        assertThat(session.getSameSite()).isEqualTo("Strict");
        chromium.open(url() + "/?" + KnownTraffic.range());
        // A chart's tooltip (HTML tooltips set inline styles, which the policy refused before they were drawn on the canvas).
        new Actions(chromium.driver()).moveToElement(chromium.driver().findElement(By.cssSelector("#charts .chart canvas")))
                .pause(Duration.ofMillis(500)).perform();
        chromium.screenshot(Path.of("target", "screenshots", "operator-tooltip.png"));
        chromium.assertNoConsoleErrors();
        assertThat(chromium.value("total-bytes")).as("all customers").isEqualTo(traffic.allBytes());
        assertThat(chromium.charts()).as("a chart per panel").isEqualTo(10);
        List<String> allNeighbors = new ArrayList<>();
        KnownTraffic.NEIGHBOR_ASES.values().forEach(allNeighbors::addAll);
        assertThat(panelSeries("By neighbour AS")).containsExactlyInAnyOrderElementsOf(allNeighbors);
        assertThat(chromium.rows("top-customers")).containsExactly("1001", "1000");
        theIngestHealthIsTheRows();
        chromium.screenshot(Path.of("target", "screenshots", "operator.png"));

        chromium.open(url() + "/?" + KnownTraffic.range() + "&cid=1000");
        assertThat(chromium.value("total-bytes")).as("customer 1000").isEqualTo(traffic.bytes("1000"));
        assertThat(chromium.rows("top-talkers")).containsExactlyInAnyOrder("10.0.0.1", "10.0.0.2");
        chromium.assertEveryRequestWentTo(url());
    }

    /** The operator page's ingest section: the exporters' numbers and the tasks' drops equal the rows, trouble marked. */
    private void theIngestHealthIsTheRows() {
        assertThat(chromium.driver().findElement(By.id("ingest")).isDisplayed()).isTrue();
        assertThat(chromium.driver().findElements(By.cssSelector("#ingest-chart canvas"))).as("flows/s chart").hasSize(1);
        assertThat(chromium.rows("ingest-exporters")).containsExactly("192.0.2.1", "198.51.100.7", "192.0.2.2", "other");
        double seconds = 10.0 * KnownTraffic.WINDOWS;
        for (String exporter : chromium.rows("ingest-exporters")) {
            assertThat(chromium.cell("ingest-exporters", exporter, "flowsPerSecond")).as(exporter)
                    .isEqualTo(traffic.ingest(exporter + "/flows") / seconds);
            assertThat(chromium.cell("ingest-exporters", exporter, "datagramsPerSecond")).as(exporter)
                    .isEqualTo(traffic.ingest(exporter + "/datagrams") / seconds);
            assertThat(chromium.cell("ingest-exporters", exporter, "sequenceGaps")).as(exporter)
                    .isEqualTo(traffic.ingest(exporter + "/sequence_gaps"));
            assertThat(chromium.cell("ingest-exporters", exporter, "sequenceMissing")).as(exporter)
                    .isEqualTo(traffic.ingest(exporter + "/sequence_missing"));
            assertThat((long) chromium.cell("ingest-exporters", exporter, "lastReport")).as(exporter)
                    .isEqualTo(traffic.lastReport(exporter));
            assertThat(chromium.cell("ingest-exporters", exporter, "clockSkewed")).as(exporter)
                    .isEqualTo(traffic.ingest(exporter + "/clock_skewed"));
            assertThat(marked("#ingest-exporters tr[data-key='" + exporter + "'] td[data-field='clockSkewed']"))
                    .as(exporter + " marked for its wrong clock").isEqualTo(exporter.equals(KnownTraffic.WRONG_CLOCK_EXPORTER));
            assertThat(marked("#ingest-exporters tr[data-key='" + exporter + "'] td[data-field='lastReport']"))
                    .as(exporter + " marked silent").isEqualTo(exporter.equals(KnownTraffic.SILENT_EXPORTER));
        }
        assertThat(chromium.driver().findElement(By.cssSelector("#ingest-exporters tr[data-key='"
                + KnownTraffic.SILENT_EXPORTER + "'] td[data-field='lastReport']")).getText()).isEqualTo("10:08:10");
        assertThat(marked("#ingest-exporters tr[data-key='192.0.2.2'] td[data-field='sequenceGaps']")).isTrue();
        assertThat(marked("#ingest-exporters tr[data-key='192.0.2.2'] td[data-field='sequenceMissing']")).isTrue();
        assertThat(marked("#ingest-exporters tr[data-key='192.0.2.1'] td[data-field='sequenceGaps']")).isFalse();
        for (String counter : KnownTraffic.TASK_COUNTERS) {
            String id = "ingest-" + counter.replace('_', '-');
            assertThat(chromium.value(id)).as(counter).isEqualTo(traffic.ingest("*/" + counter));
            assertThat(marked("#" + id)).as(counter + " marked when not 0").isEqualTo(!counter.equals("datagrams_received"));
        }
    }

    /** Counters at Long.MAX_VALUE (KnownTraffic's saturated minute) show as huge numbers on the page, never negative. */
    @Test
    void saturatedCountersShowHugeNeverNegative() throws Exception {
        chromium.login(url(), "noc", "noc-pw");
        chromium.open(url() + "/?" + KnownTraffic.saturatedRange() + "&cid=1000");
        assertThat(chromium.value("total-bytes")).isEqualTo(Long.MAX_VALUE);
        assertThat(chromium.value("total-rate")).as("bits/s over the minute").isEqualTo(Math.round(Long.MAX_VALUE * 8.0 / 60));
        assertThat(chromium.driver().findElement(By.id("total-bytes")).getText()).isEqualTo("9.22 EB");
        assertThat(chromium.cell("ingest-exporters", KnownTraffic.HOSTILE_EXPORTER, "flowsPerSecond"))
                .isEqualTo(Long.MAX_VALUE / 60.0);
        assertThat(chromium.value("ingest-datagrams-received")).isEqualTo(Long.MAX_VALUE);
        chromium.screenshot(Path.of("target", "screenshots", "operator-saturated.png"));
    }

    /** The series (legend names) the page's chart of a panel draws. */
    @SuppressWarnings("unchecked")
    private List<String> panelSeries(String title) {
        return (List<String>) chromium.script("const done = arguments[arguments.length - 1]; const c = charts.find(c => "
                + "c.panel.title === '" + title + "'); done(c ? c.chart.getOption().series.map(s => s.name) : null);");
    }

    private boolean marked(String css) {
        return chromium.driver().findElement(By.cssSelector(css)).getAttribute("class").contains("trouble");
    }

    @Test
    void aCustomerSeesItsOwnNumbersAndTheServerRefusesAnothers() throws Exception {
        chromium.login(url(), "acme", "acme-pw");
        chromium.open(url() + "/?" + KnownTraffic.range());
        assertThat(chromium.driver().findElement(By.id("who")).getText()).contains("customer 1000");
        assertThat(chromium.value("total-bytes")).isEqualTo(traffic.bytes("1000"));
        assertThat(chromium.rows("top-talkers")).containsExactlyInAnyOrder("10.0.0.1", "10.0.0.2");
        assertThat(chromium.driver().findElement(By.id("top-customers-box")).isDisplayed()).isFalse();
        assertThat(chromium.charts()).as("no per-customer panel").isEqualTo(9);
        assertThat(panelSeries("By neighbour AS")).containsExactlyInAnyOrderElementsOf(KnownTraffic.NEIGHBOR_ASES.get("1000"));
        assertThat(panelSeries("By community")).containsExactlyInAnyOrderElementsOf(KnownTraffic.COMMUNITIES.get("1000"));
        assertThat(panelSeries("By remote AS")).isNotEmpty();
        assertThat(chromium.driver().findElements(By.id("ingest"))).as("no ingest health section").isEmpty();
        chromium.screenshot(Path.of("target", "screenshots", "customer.png"));

        // The page's own session asks the API directly for customer 1001: refused by the server.
        Object status = chromium.script("const done = arguments[0]; fetch('/api/totals?cid=1001&"
                + KnownTraffic.range() + "').then(r => done(r.status));");
        assertThat(((Number) status).intValue()).isEqualTo(403);
        Object ingest = chromium.script("const done = arguments[0]; fetch('/api/ingest?"
                + KnownTraffic.range() + "').then(r => done(r.status));");
        assertThat(((Number) ingest).intValue()).as("the ingest health").isEqualTo(403);
        chromium.assertEveryRequestWentTo(url());
        chromium.assertNoConsoleErrors("status of 403");
    }

    /** A page whose session ended (here: a cookie the server does not know) goes to the login page at its next request. */
    @Test
    void aPageWhoseSessionEndedGoesToTheLoginPage() {
        chromium.login(url(), "acme", "acme-pw");
        chromium.open(url() + "/?" + KnownTraffic.range());
        Cookie session = chromium.driver().manage().getCookieNamed("bwnf_session");
        chromium.driver().manage().deleteCookie(session);
        chromium.driver().manage().addCookie(new Cookie.Builder(session.getName(), "ended").path("/").isSecure(true)
                .isHttpOnly(true).sameSite("Strict").build());
        new Select(chromium.driver().findElement(By.id("range"))).selectByValue("900");
        new WebDriverWait(chromium.driver(), Duration.ofSeconds(20)).until(d -> d.getCurrentUrl().endsWith("/login.html"));
    }

    @Test
    void theLockedDownBrowserReallyReachesNothingElse() {
        chromium.driver().get(url() + "/login.html");
        Object loaded = chromium.script("const done = arguments[0]; const s = document.createElement('script');"
                + "s.src = 'http://127.0.0.2:" + traffic.server().port() + "/dashboard.js';"
                + "s.onload = () => done('loaded'); s.onerror = () => done('blocked');"
                + "document.head.appendChild(s);");
        assertThat(loaded).as("another loopback address, reachable without the lock-down").isEqualTo("blocked");
    }
}
