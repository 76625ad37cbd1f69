package org.bwnetflow.connect.dashboard.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bwnetflow.connect.dashboard.testing.HeadlessChromium;
import org.bwnetflow.connect.dashboard.testing.KnownFlows;
import org.bwnetflow.connect.dashboard.testing.KnownFlows.Flow;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The explorer page in the offline headless Chromium over {@link KnownFlows} (HTTPS, self-signed):
 * a filter typed, the series and a Sankey diagram drawn (the chart's option data checked against
 * the flows), a click on a table row and on a Sankey node narrowing the view to exactly that
 * group's flows, the URL holding the view and a reload restoring it, the parser's message and
 * position shown under the box for a bad filter; no console error. Screenshots go to
 * target/screenshots/ (explorer-*.png), which docs/screenshots/ holds copies of.
 */
class ExplorerBrowserTest {

    @TempDir
    static Path dir;
    private static KnownFlows known;
    private HeadlessChromium chromium;

    @BeforeAll
    static void start() throws Exception {
        known = KnownFlows.startTls(dir);
    }

    @AfterAll
    static void stop() {
        if (known != null) {
            known.close();
        }
    }

    @BeforeEach
    void openBrowser() throws IOException {
        chromium = HeadlessChromium.offlineTrusting(known.keystore().spkiSha256());
    }

    @AfterEach
    void closeBrowser() throws IOException {
        if (chromium != null) {
            chromium.close();
        }
    }

    private String url() {
        return known.server().url();
    }

    @Test
    void aFilterTypedTheSeriesDrawnAndARowClickNarrowsTheView() throws Exception {
        chromium.login(url(), "noc", "noc-pw");
        chromium.open(url() + "/explore.html?" + KnownFlows.range() + "&dims=cid,proto&top=10&chart=series");
        WebElement filter = chromium.driver().findElement(By.id("filter"));
        filter.sendKeys("dst port 443 and src net 10.0.0.0/16");
        filter.sendKeys(Keys.ENTER);
        awaitReady();
        assertThat(chromium.driver().getCurrentUrl()).contains("filter=dst+port+443+and+src+net+10.0.0.0%2F16");
        assertThat(chromium.rows("groups")).hasSize(9);
        for (String key : chromium.rows("groups")) {
            long cid = Long.parseLong(key.split("\\|")[0]);
            long proto = Long.parseLong(key.split("\\|")[1]);
            assertThat((long) chromium.cell("groups", key, "bytes")).as(key).isEqualTo(known.sum(f -> f.dstPort() == 443
                    && f.cid() == cid && f.proto() == proto, Flow::bytes));
        }
        assertThat(seriesNames()).hasSize(9).contains("1000 / 6 TCP");
        assertThat(chromium.driver().findElements(By.cssSelector("#explore-chart canvas"))).hasSize(1);
        chromium.screenshot(Path.of("target", "screenshots", "explorer-series.png"));

        chromium.driver().findElement(By.cssSelector("#groups tbody tr[data-key='1001|17']")).click();
        awaitReady();
        assertThat(filter.getAttribute("value")).isEqualTo("dst port 443 and src net 10.0.0.0/16 and cid 1001 and proto 17");
        assertThat(chromium.rows("groups")).containsExactly("1001|17");
        assertThat((long) chromium.cell("groups", "1001|17", "flows")).isEqualTo(known.sum(f -> f.dstPort() == 443
                && f.cid() == 1001 && f.proto() == 17, f -> 1));
        String narrowed = chromium.driver().getCurrentUrl();
        assertThat(query(narrowed)).containsEntry("filter", "dst port 443 and src net 10.0.0.0/16 and cid 1001 and proto 17")
                .containsEntry("dims", "cid,proto").containsEntry("chart", "series");

        chromium.driver().navigate().refresh();
        awaitReady();
        assertThat(chromium.driver().findElement(By.id("filter")).getAttribute("value"))
                .isEqualTo("dst port 443 and src net 10.0.0.0/16 and cid 1001 and proto 17");
        assertThat(chromium.rows("groups")).containsExactly("1001|17");
        assertThat(new Select(chromium.driver().findElement(By.id("dim2"))).getFirstSelectedOption().getText())
                .isEqualTo("proto");

        chromium.driver().navigate().back();
        awaitReady();
        assertThat(chromium.rows("groups")).as("back: the view before the click").hasSize(9);
        chromium.assertNoConsoleErrors();
        chromium.assertEveryRequestWentTo(url());
    }

    @Test
    void aSankeyDiagramAndANodeClick() throws Exception {
        chromium.login(url(), "noc", "noc-pw");
        chromium.open(url() + "/explore.html?" + KnownFlows.range() + "&dims=cid,proto,dst_as&top=3&chart=sankey");
        @SuppressWarnings("unchecked")
        Map<String, Object> sankey = (Map<String, Object>) chromium.script("const done = arguments[0];"
                + "const s = chart.getOption().series[0]; done({type: s.type, nodes: s.data.map(n => n.name),"
                + " links: s.links.map(l => [l.source, l.target, l.value])});");
        assertThat(sankey.get("type")).isEqualTo("sankey");
        List<String> nodes = ((List<?>) sankey.get("nodes")).stream().map(Object::toString).toList();
        assertThat(nodes).contains("0:1000", "0:1001", "0:1002", "1:6", "2:other").hasSize(3 + 3 + 4);
        long fromCustomers = 0;
        for (Object link : (List<?>) sankey.get("links")) {
            List<?> l = (List<?>) link;
            if (l.get(0).toString().equals("0:1000") && l.get(1).toString().equals("1:6")) {
                assertThat(((Number) l.get(2)).longValue()).isEqualTo(known.sum(f -> f.cid() == 1000 && f.proto() == 6,
                        Flow::bytes));
            }
            if (l.get(0).toString().startsWith("0:")) {
                fromCustomers += ((Number) l.get(2)).longValue();
            }
        }
        assertThat(fromCustomers).isEqualTo(known.sum(f -> true, Flow::bytes));
        assertThat(chromium.driver().findElements(By.cssSelector("#explore-chart canvas"))).hasSize(1);
        chromium.screenshot(Path.of("target", "screenshots", "explorer-sankey.png"));

        // ECharts' own click event on the node "proto 17" (a canvas has no element to click at a known place).
        chromium.script("const done = arguments[0]; "
                + "onChartClick({componentSubType: 'sankey', dataType: 'node', name: '1:17'}); done(true);");
        awaitReady();
        assertThat(chromium.driver().findElement(By.id("filter")).getAttribute("value")).isEqualTo("proto 17");
        assertThat(query(chromium.driver().getCurrentUrl())).containsEntry("filter", "proto 17");
        assertThat(chromium.rows("groups")).allSatisfy(key -> assertThat(key.split("\\|")[1]).isEqualTo("17"));
    }

    @Test
    void theParsersMessageShowsUnderTheBox() throws Exception {
        chromium.login(url(), "acme", "acme-pw");
        chromium.open(url() + "/explore.html?" + KnownFlows.range() + "&dims=cid");
        assertThat(chromium.rows("groups")).as("a customer's own flows only").containsExactly("1000");
        WebElement filter = chromium.driver().findElement(By.id("filter"));
        filter.sendKeys("proto 6 and dst prot 443");
        filter.sendKeys(Keys.ENTER);
        awaitReady();
        WebElement error = chromium.driver().findElement(By.id("filter-error"));
        assertThat(error.isDisplayed()).isTrue();
        assertThat(error.getAttribute("data-position")).isEqualTo("16");
        assertThat(error.getText()).contains("^ at 16: expected host, ip, net, port, as or country after 'dst', found 'prot'");
        assertThat(chromium.rows("groups")).isEmpty();
        chromium.screenshot(Path.of("target", "screenshots", "explorer-error.png"));
        chromium.assertNoConsoleErrors("status of 400");
    }

    private void awaitReady() {
        new WebDriverWait(chromium.driver(), Duration.ofSeconds(30)).until(d ->
                "true".equals(d.findElement(By.tagName("body")).getAttribute("data-ready")));
    }

    @SuppressWarnings("unchecked")
    private List<String> seriesNames() {
        return (List<String>) chromium.script("const done = arguments[0];"
                + "done(chart.getOption().series.map(s => s.name));");
    }

    private static Map<String, String> query(String url) {
        Map<String, String> values = new HashMap<>();
        for (String pair : url.substring(url.indexOf('?') + 1).split("&")) {
            int eq = pair.indexOf('=');
            values.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return values;
    }
}
