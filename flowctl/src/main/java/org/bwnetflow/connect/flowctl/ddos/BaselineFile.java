package org.bwnetflow.connect.flowctl.ddos;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.TreeSet;
import org.bwnetflow.connect.ddos.detection.HourlyBaseline;
import org.bwnetflow.connect.ddos.detection.Rates;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A baseline as a human-readable, versioned JSON file:
 * <pre>
 * {"version": 1, "window_seconds": 60, "zone": "UTC", "saved": "2026-11-27T12:00:00Z",
 *  "targets": {"192.0.2.0/24": {"bits_per_second": [24 numbers, null for an hour not learned],
 *                               "packets_per_second": [...], "windows": [24 counts of windows learned]}}}
 * </pre>
 * Written to a temporary file and moved over the old one, so a crash never leaves half a file.
 */
final class BaselineFile {

    static final int VERSION = 1;
    private static final Logger log = LoggerFactory.getLogger(BaselineFile.class);
    private static final DefaultPrettyPrinter PRINTER = new DefaultPrettyPrinter()
            .withArrayIndenter(DefaultPrettyPrinter.FixedSpaceIndenter.instance); // an hour array on one line

    private BaselineFile() {
    }

    /**
     * Reads a file into {@code baseline}; IllegalArgumentException saying why for a file that is not a
     * baseline of this version, or whose hours are of another zone.
     */
    static void load(Path file, HourlyBaseline baseline) throws IOException {
        JsonNode root;
        try {
            root = DdosJson.MAPPER.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject() || !root.path("targets").isObject()) {
            throw new IllegalArgumentException("not a baseline file (no \"targets\" object)");
        }
        int version = root.path("version").asInt(0);
        if (version != VERSION) {
            throw new IllegalArgumentException("version " + root.path("version") + ", this flowctl reads version " + VERSION);
        }
        ZoneId zone = zone(root.path("zone").asText("UTC"));
        if (!zone.normalized().equals(baseline.zone().normalized())) {
            throw new IllegalArgumentException("its hours are of zone " + zone + ", not " + baseline.zone() + " (--zone)");
        }
        int window = root.path("window_seconds").asInt(baseline.windowSeconds());
        if (window != baseline.windowSeconds()) {
            log.warn("flowctl ddos: the baseline was learned with a {} s window, --window is {} s; its rates still apply",
                    window, baseline.windowSeconds());
        }
        for (Map.Entry<String, JsonNode> target : root.path("targets").properties()) {
            loadTarget(target.getKey(), target.getValue(), baseline);
        }
    }

    private static void loadTarget(String target, JsonNode hours, HourlyBaseline baseline) {
        JsonNode bits = hours.path("bits_per_second");
        JsonNode packets = hours.path("packets_per_second");
        JsonNode windows = hours.path("windows");
        if (bits.size() != HourlyBaseline.HOURS || packets.size() != HourlyBaseline.HOURS) {
            throw new IllegalArgumentException(target + ": bits_per_second and packets_per_second need 24 entries, "
                    + "one per hour of day");
        }
        for (int hour = 0; hour < HourlyBaseline.HOURS; hour++) {
            int learned = windows.path(hour).asInt(1); // hand-written files may leave the counts out
            if (bits.get(hour).isNumber() && packets.get(hour).isNumber() && learned > 0) {
                baseline.put(target, hour, new Rates(bits.get(hour).asDouble(), packets.get(hour).asDouble()), learned);
            }
        }
    }

    private static ZoneId zone(String id) {
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("unknown zone " + id, e);
        }
    }

    static void save(HourlyBaseline baseline, Path file) throws IOException {
        ObjectNode root = DdosJson.MAPPER.createObjectNode();
        root.put("version", VERSION);
        root.put("window_seconds", baseline.windowSeconds());
        root.put("zone", baseline.zone().getId());
        root.put("saved", Instant.now().toString());
        ObjectNode targets = root.putObject("targets");
        for (String target : new TreeSet<>(baseline.targets())) {
            ObjectNode hours = targets.putObject(target);
            ArrayNode bits = hours.putArray("bits_per_second");
            ArrayNode packets = hours.putArray("packets_per_second");
            ArrayNode windows = hours.putArray("windows");
            for (int hour = 0; hour < HourlyBaseline.HOURS; hour++) {
                Rates rates = baseline.get(target, hour);
                if (rates == null) {
                    bits.addNull();
                    packets.addNull();
                } else {
                    bits.add(DdosJson.decimal(rates.bitsPerSecond(), 1));
                    packets.add(DdosJson.decimal(rates.packetsPerSecond(), 3));
                }
                windows.add(baseline.windows(target, hour));
            }
        }
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, file.getFileName().toString() + ".", ".tmp");
        try {
            DdosJson.MAPPER.writer(PRINTER).writeValue(tmp.toFile(), root);
            move(tmp, file);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING); // a file system without atomic rename
        }
    }
}
