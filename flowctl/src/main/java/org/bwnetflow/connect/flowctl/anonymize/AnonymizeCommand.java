package org.bwnetflow.connect.flowctl.anonymize;

import inet.ipaddr.AddressStringException;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressNetwork.IPAddressGenerator;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.IPAddressStringParameters;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.bwnetflow.connect.reduce.anonymize.AddressAnonymizer;
import org.bwnetflow.connect.reduce.anonymize.CryptoPan;
import org.bwnetflow.connect.reduce.anonymize.CryptoPanKey;
import org.bwnetflow.connect.reduce.anonymize.Truncation;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code flowctl anonymize}: the pseudonyms the {@code Anonymize} transform gives addresses, e.g. to
 * find a customer's host in an anonymised topic, or to check that two deployments share a key.
 */
@Command(name = "anonymize", mixinStandardHelpOptions = true,
        description = {"Print each ADDR and its anonymized form ('ADDR PSEUDONYM' per line), as the Anonymize "
                + "transform computes it: Crypto-PAn with the key of --key-file or --key-hex, or --truncate.",
            "Exit code 2 when an address or the key is invalid (nothing is printed then)."})
public final class AnonymizeCommand implements Callable<Integer> {

    private static final IPAddressStringParameters STRICT = new IPAddressStringParameters.Builder()
            .allowEmpty(false).allowAll(false).allowSingleSegment(false).allowPrefix(false).allowMask(false)
            .allowWildcardedSeparator(false).allow_inet_aton(false).toParams();

    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Method method;

    @Option(names = "--ipv4-prefix", paramLabel = "BITS", defaultValue = "24",
            description = "With --truncate: IPv4 prefix length kept (default: ${DEFAULT-VALUE})")
    int ipv4Prefix;

    @Option(names = "--ipv6-prefix", paramLabel = "BITS", defaultValue = "64",
            description = "With --truncate: IPv6 prefix length kept (default: ${DEFAULT-VALUE})")
    int ipv6Prefix;

    @Parameters(paramLabel = "ADDR", arity = "1..*", description = "IPv4 or IPv6 addresses")
    List<String> addresses;

    /** Exactly one way to anonymize. */
    static final class Method {
        @Option(names = "--key-file", paramLabel = "FILE", description = "File holding the Crypto-PAn key: "
                + CryptoPanKey.FORMAT + " (surrounding whitespace ignored). Preferred over --key-hex.")
        Path keyFile;

        @Option(names = "--key-hex", paramLabel = "HEX", description = "The Crypto-PAn key as 64 hex digits. "
                + "Beware: a key on the command line is visible to other users in 'ps' and lands in shell "
                + "history; use --key-file.")
        String keyHex;

        @Option(names = "--truncate", description = "Truncate instead (see --ipv4-prefix, --ipv6-prefix)")
        boolean truncate;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<byte[]> parsed = new ArrayList<>();
        for (String text : addresses) {
            byte[] address = parse(text);
            if (address == null) {
                err.printf("flowctl anonymize: '%s' is not an IPv4 or IPv6 address%n", text);
                return 2;
            }
            parsed.add(address);
        }
        AddressAnonymizer anonymizer;
        try {
            anonymizer = anonymizer();
        } catch (IllegalArgumentException e) {
            err.printf("flowctl anonymize: %s%n", e.getMessage()); // the messages never hold the key
            return 2;
        } catch (IOException e) {
            err.printf("flowctl anonymize: cannot read the key file %s: %s%n", method.keyFile, e.getMessage());
            return 2;
        }
        for (int i = 0; i < parsed.size(); i++) {
            out.printf("%s %s%n", addresses.get(i), format(anonymizer.anonymize(parsed.get(i))));
        }
        out.flush();
        return 0;
    }

    private AddressAnonymizer anonymizer() throws IOException {
        if (method.truncate) {
            if (ipv4Prefix < 0 || ipv4Prefix > 32 || ipv6Prefix < 0 || ipv6Prefix > 128) {
                throw new IllegalArgumentException("--ipv4-prefix is 0-32 and --ipv6-prefix 0-128");
            }
            return new Truncation(ipv4Prefix, ipv6Prefix);
        }
        String text = method.keyFile != null
                ? Files.readString(method.keyFile, StandardCharsets.UTF_8)
                : method.keyHex;
        byte[] key = CryptoPanKey.parse(text);
        try {
            return new CryptoPan(key, 0); // few addresses: no cache
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /** The address's bytes (4 or 16), or null when the text is not one plain address. */
    static byte[] parse(String text) {
        try {
            IPAddress address = new IPAddressString(text.trim(), STRICT).toAddress();
            return address == null || address.isMultiple() ? null : address.getBytes();
        } catch (AddressStringException e) {
            return null;
        }
    }

    /** Canonical text: dotted quad, or RFC 5952 compressed lower-case IPv6. */
    static String format(byte[] address) {
        return new IPAddressGenerator().from(address).toCanonicalString();
    }
}
