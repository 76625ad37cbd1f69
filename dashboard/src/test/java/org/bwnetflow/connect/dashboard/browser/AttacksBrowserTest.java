package org.bwnetflow.connect.dashboard.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.bwnetflow.connect.dashboard.testing.HeadlessChromium;
import org.bwnetflow.connect.dashboard.testing.KnownAttacks;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The dashboard page's attacks section in the offline headless Chromium over {@link KnownAttacks}
 * (HTTPS, self-signed): a row per attack of the range, open ones first, with the numbers of its
 * events, and under it its routes (announced or not) with their actions in order; a customer's page
 * with its own attacks only and no customer column, the server refusing the page's own requests for
 * another customer's; no console error, nothing loaded from elsewhere. The section's screenshot goes
 * to target/screenshots/attacks.png (docs/screenshots/dashboard-attacks.png is a copy).
 */
class AttacksBrowserTest {

    @TempDir
    static Path dir;
    private static KnownAttacks known;
    private HeadlessChromium chromium;

    @BeforeAll
    static void start() throws Exception {
        known = KnownAttacks.startTls(dir);
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
    void theOperatorsPageListsEveryAttackWithItsRoutes() throws Exception {
        chromium.login(url(), "noc", "noc-pw");
        chromium.open(url() + "/?" + KnownAttacks.range());
        assertThat(chromium.driver().findElement(By.id("attacks")).isDisplayed()).isTrue();
        assertThat(attackRows()).containsExactly("1001/" + KnownAttacks.GLOBEX_OPEN, "1000/" + KnownAttacks.ACME_OPEN,
                "1000/" + KnownAttacks.ACME_BEFORE, "1001/" + KnownAttacks.SHARED_ID, "1000/" + KnownAttacks.SHARED_ID,
                "1000/" + KnownAttacks.ACME_ENDED);
        String open = "1000/" + KnownAttacks.ACME_OPEN;
        assertThat(row(open).getAttribute("data-open")).isEqualTo("true");
        assertThat(text(open, "cid")).isEqualTo("1000");
        assertThat(text(open, "target")).isEqualTo("10.0.0.5");
        assertThat(text(open, "start")).isEqualTo("2026-11-20 10:10:00");
        assertThat(text(open, "end")).isEqualTo("ongoing");
        assertThat(text(open, "durationSeconds")).isEqualTo("50 min 0 s");
        assertThat(value(open, "peakBitsPerSecond")).isEqualTo(6_000_000_000L);
        assertThat(text(open, "peakBitsPerSecond")).isEqualTo("6.00 Gbit/s");
        assertThat(text(open, "peakPacketsPerSecond")).isEqualTo("900 kpkt/s");
        assertThat(text(open, "threshold")).isEqualTo("1.00 Gbit/s, 100 kpkt/s");
        assertThat(text(open, "top")).isEqualTo("UDP/123");
        assertThat(text(open, "topSource")).isEqualTo("198.51.100.7");
        assertThat(text(open, "announced")).isEqualTo("1/2 announced");
        assertThat(marked(open, "end")).as("ongoing").isTrue();

        WebElement routes = chromium.driver().findElement(By.cssSelector("#attacks-table tr[data-routes-of='" + open + "']"));
        List<WebElement> each = routes.findElements(By.cssSelector(".route"));
        assertThat(each).extracting(r -> r.getAttribute("data-route-key") + " " + r.getAttribute("data-announced"))
                .containsExactly(KnownAttacks.BLACKHOLE_5 + " true", KnownAttacks.FLOWSPEC_5 + " false");
        assertThat(each.get(0).findElement(By.cssSelector(".badge")).getText()).isEqualTo("announced");
        assertThat(each.get(0).findElement(By.cssSelector(".route-name")).getText())
                .isEqualTo("blackhole 10.0.0.5/32 next-hop 192.0.2.1 communities 65535:666");
        assertThat(each.get(1).findElements(By.cssSelector("li"))).extracting(WebElement::getText).containsExactly(
                "10:10:02 announce: top protocol 17 port 53", "10:11:40 withdraw: top port changed to 123");

        String ended = "1000/" + KnownAttacks.ACME_ENDED;
        assertThat(row(ended).getAttribute("data-open")).isEqualTo("false");
        assertThat(marked(ended, "end")).isFalse();
        assertThat(text(ended, "end")).as("on the start's day").isEqualTo("10:05:00");
        assertThat(text(ended, "durationSeconds")).isEqualTo("4 min 0 s");
        assertThat(text(ended, "top")).as("no port of ICMP").isEqualTo("IPv6-ICMP");
        assertThat(text(ended, "announced")).isEqualTo("0/2 announced");
        assertThat(chromium.driver().findElements(By.cssSelector("#attacks-table tr[data-routes-of='" + ended
                + "'] li[data-action='refuse']"))).extracting(WebElement::getText)
                .containsExactly("10:01:02 refuse: flowspec limit reached (10 routes)");
        chromium.screenshot(Path.of("target", "screenshots", "attacks.png"), By.id("attacks"));

        chromium.open(url() + "/?" + KnownAttacks.range() + "&cid=1001");
        assertThat(attackRows()).containsExactly("1001/" + KnownAttacks.GLOBEX_OPEN, "1001/" + KnownAttacks.SHARED_ID);
        chromium.assertNoConsoleErrors();
        chromium.assertEveryRequestWentTo(url());
    }

    @Test
    void aCustomersPageListsItsOwnAttacksOnlyAndTheServerRefusesAnothers() throws Exception {
        chromium.login(url(), "acme", "acme-pw");
        chromium.open(url() + "/?" + KnownAttacks.range());
        assertThat(attackRows()).containsExactly("1000/" + KnownAttacks.ACME_OPEN, "1000/" + KnownAttacks.ACME_BEFORE,
                "1000/" + KnownAttacks.SHARED_ID, "1000/" + KnownAttacks.ACME_ENDED);
        assertThat(chromium.driver().findElements(By.cssSelector("#attacks-table th")))
                .extracting(WebElement::getText).doesNotContain("customer");
        assertThat(chromium.driver().findElements(By.cssSelector("#attacks-table td[data-field='cid']"))).isEmpty();
        assertThat(text("1000/" + KnownAttacks.SHARED_ID, "target")).isEqualTo("10.0.0.7");
        assertThat(chromium.driver().findElement(By.id("attacks")).getText()).doesNotContain("10.8.0.");

        // The page's own session asks the API for customer 1001's attacks: refused, or nothing.
        Object refused = chromium.script("const done = arguments[0]; fetch('/api/attacks?cid=1001&"
                + KnownAttacks.range() + "').then(r => done(r.status));");
        assertThat(((Number) refused).intValue()).isEqualTo(403);
        Object none = chromium.script("const done = arguments[0]; fetch('/api/attacks?attack="
                + KnownAttacks.GLOBEX_OPEN + "&" + KnownAttacks.range() + "').then(r => r.json()).then(b => done(b.attacks.length));");
        assertThat(((Number) none).intValue()).isZero();
        chromium.assertEveryRequestWentTo(url());
        chromium.assertNoConsoleErrors("status of 403");
    }

    private List<String> attackRows() {
        return chromium.driver().findElements(By.cssSelector("#attacks-table tr.attack")).stream()
                .map(row -> row.getAttribute("data-key")).toList();
    }

    private WebElement row(String key) {
        return chromium.driver().findElement(By.cssSelector("#attacks-table tr.attack[data-key='" + key + "']"));
    }

    private WebElement cell(String key, String field) {
        return chromium.driver().findElement(By.cssSelector("#attacks-table tr.attack[data-key='" + key
                + "'] td[data-field='" + field + "']"));
    }

    private String text(String key, String field) {
        return cell(key, field).getText();
    }

    private long value(String key, String field) {
        return Long.parseLong(cell(key, field).getAttribute("data-value"));
    }

    private boolean marked(String key, String field) {
        return cell(key, field).getAttribute("class").contains("trouble");
    }
}
