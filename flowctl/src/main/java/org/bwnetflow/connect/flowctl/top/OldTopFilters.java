package org.bwnetflow.connect.flowctl.top;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.bwnetflow.connect.flowctl.FilterOptions.OldOption;
import org.bwnetflow.connect.model.ProtocolNumbers;

/**
 * {@code flowctl top}'s options from before the filter language, as the filters they stand for: {@code --net}
 * matches either address ({@code net CIDR}, or {@code host ADDR} for an address without a length), {@code --port}
 * either port, {@code --proto} a number or an IANA keyword ({@code proto udp}) or else a name the enrichment was
 * configured to give ({@code ProtoName}, as typed, upper- or lower-case), {@code --cid} the customer id.
 */
final class OldTopFilters {

    private OldTopFilters() {
    }

    /** The filters of the old options given (null: not given), in the order above. */
    static List<OldOption> of(String network, Integer port, String protocol, Long cid) {
        List<OldOption> old = new ArrayList<>();
        if (network != null) {
            old.add(new OldOption("--net " + network, (network.contains("/") ? "net " : "host ") + network));
        }
        if (port != null) {
            old.add(new OldOption("--port " + port, "port " + port));
        }
        if (protocol != null) {
            old.add(new OldOption("--proto " + protocol, protocol(protocol)));
        }
        if (cid != null) {
            old.add(new OldOption("--cid " + cid, "cid " + cid));
        }
        return old;
    }

    private static String protocol(String protocol) {
        if (protocol.chars().allMatch(Character::isDigit) || isIanaKeyword(protocol)) {
            return "proto " + protocol;
        }
        // not an IANA keyword: a name an operator configured (ProtoName's name.overrides), compared case-insensitively
        // before; texts compare exactly in the language, so the usual spellings
        Set<String> spellings = new LinkedHashSet<>(List.of(protocol, protocol.toUpperCase(Locale.ROOT),
                protocol.toLowerCase(Locale.ROOT)));
        List<String> quoted = spellings.stream().map(OldTopFilters::quoted).toList();
        return quoted.size() == 1 ? "ProtoName = " + quoted.get(0) : "ProtoName in [" + String.join(" ", quoted) + "]";
    }

    private static boolean isIanaKeyword(String protocol) {
        for (String keyword : ProtocolNumbers.table()) {
            if (protocol.equalsIgnoreCase(keyword)) {
                return true;
            }
        }
        return false;
    }

    private static String quoted(String text) {
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
