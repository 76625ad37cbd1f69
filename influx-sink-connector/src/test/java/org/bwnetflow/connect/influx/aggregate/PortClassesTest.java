package org.bwnetflow.connect.influx.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PortClassesTest {

    private final PortClasses defaults = PortClasses.parse(PortClasses.DEFAULT);

    private String classOf(long src, long dst) {
        return defaults.name(defaults.classify(src, dst));
    }

    @Test
    void theDefaultTableHasBwNetFlowsClasses() {
        assertThat(classOf(51234, 443)).isEqualTo("www");
        assertThat(classOf(80, 40000)).isEqualTo("www");
        assertThat(classOf(22, 60000)).isEqualTo("ssh");
        assertThat(classOf(5353, 53)).isEqualTo("dns");
        assertThat(classOf(25, 1025)).isEqualTo("smtp");
        assertThat(classOf(465, 50000)).isEqualTo("smtp");
        assertThat(classOf(110, 50000)).isEqualTo("pop3");
        assertThat(classOf(50000, 995)).isEqualTo("pop3");
        assertThat(classOf(143, 50000)).isEqualTo("imap");
        assertThat(classOf(50000, 993)).isEqualTo("imap");
        assertThat(classOf(50000, 8080)).isEqualTo("other");
        assertThat(classOf(0, 0)).isEqualTo("other");
        assertThat(classOf(-1, 70000)).isEqualTo("other");
        assertThat(defaults.names()).containsExactly("www", "ssh", "dns", "smtp", "pop3", "imap");
    }

    @Test
    void whenBothPortsAreInTheTableTheLowerOneWins() {
        assertThat(classOf(443, 22)).isEqualTo("ssh");
        assertThat(classOf(22, 443)).isEqualTo("ssh");
        assertThat(classOf(53, 53)).isEqualTo("dns");
    }

    @Test
    void aCustomTableReplacesTheDefaults() {
        PortClasses ports = PortClasses.parse(" web = 8080, 8443 ; db=5432");

        assertThat(ports.name(ports.classify(40000, 8443))).isEqualTo("web");
        assertThat(ports.name(ports.classify(5432, 40000))).isEqualTo("db");
        assertThat(ports.name(ports.classify(40000, 443))).isEqualTo("other");
        assertThat(PortClasses.parse("").size()).isZero();
    }

    @Test
    void rejectsMalformedTablesSayingWhy() {
        assertThatThrownBy(() -> PortClasses.parse("www=80;web=80")).hasMessageContaining("port 80 is in class 'www' and 'web'");
        assertThatThrownBy(() -> PortClasses.parse("www=http")).hasMessageContaining("port 'http' of class 'www'");
        assertThatThrownBy(() -> PortClasses.parse("www=70000")).hasMessageContaining("1-65535");
        assertThatThrownBy(() -> PortClasses.parse("www")).hasMessageContaining("not name=port");
        assertThatThrownBy(() -> PortClasses.parse("other=1")).hasMessageContaining("not 'other'");
        assertThatThrownBy(() -> PortClasses.parse("www=80;www=443")).hasMessageContaining("given twice");
        assertThatThrownBy(() -> PortClasses.parse("www=")).hasMessageContaining("no ports");
    }
}
