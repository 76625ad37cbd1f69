package org.bwnetflow.connect.stack;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a server certificate of the stack's CA says: its key store alias, common name, the names clients may
 * connect to it by (subject alternative names in keytool's form, {@code dns:localhost}, {@code ip:127.0.0.1}:
 * hostname verification compares the client's host with these only), and how long it is valid.
 */
record ServerCertificate(String alias, String commonName, List<String> subjectAltNames, int validityDays) {

    ServerCertificate {
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(commonName, "commonName");
        subjectAltNames = List.copyOf(subjectAltNames);
        if (subjectAltNames.isEmpty() || !subjectAltNames.stream().allMatch(n -> n.matches("(dns|ip):[A-Za-z0-9.:-]+"))) {
            throw new IllegalArgumentException("subject alternative names must be dns:NAME or ip:ADDRESS: "
                    + subjectAltNames);
        }
        if (validityDays < 1) {
            throw new IllegalArgumentException("validityDays must be positive: " + validityDays);
        }
    }

    /** keytool's {@code -ext san=...} value. */
    String keytoolExtension() {
        return "san=" + String.join(",", subjectAltNames);
    }

    /** The names as a set, lower case, for comparing with a certificate's. */
    Set<String> nameSet() {
        return subjectAltNames.stream().map(n -> n.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }
}
