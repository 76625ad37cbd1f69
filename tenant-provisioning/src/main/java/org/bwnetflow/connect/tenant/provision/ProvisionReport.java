package org.bwnetflow.connect.tenant.provision;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** What a provisioning run found and did, one item per resource (topic, user, ACL). */
public final class ProvisionReport {

    /** What happened to a resource. */
    public enum Status {
        /** It did not exist and was created. */
        CREATED,
        /** It existed as asked; left alone. */
        PRESENT,
        /** It existed but differs from what was asked; left alone and reported. */
        DIFFERS,
        /** Its value was replaced (a SCRAM password with reset). */
        UPDATED,
        /** It existed and was deleted. */
        DELETED,
        /** It was not there to delete. */
        ABSENT,
        /** It was deliberately not deleted. */
        KEPT
    }

    /** One resource's outcome. */
    public record Item(Status status, String kind, String name, String detail) {

        /** E.g. {@code created  topic flows-1000 (6 partitions)}. */
        public String line() {
            String status = status().name().toLowerCase(Locale.ROOT);
            return String.format("%-8s %-5s %s%s", status, kind, name, detail.isEmpty() ? "" : " (" + detail + ")");
        }
    }

    private final List<Item> items = new ArrayList<>();

    void add(Status status, String kind, String name, String detail) {
        items.add(new Item(status, kind, name, detail));
    }

    public List<Item> items() {
        return Collections.unmodifiableList(items);
    }

    /** Whether something already there differs from what was asked (and was left as it is). */
    public boolean hasDifferences() {
        return items.stream().anyMatch(i -> i.status() == Status.DIFFERS);
    }

    /** Whether the run changed anything. */
    public boolean changedAnything() {
        return items.stream().anyMatch(i -> i.status() == Status.CREATED || i.status() == Status.UPDATED
                || i.status() == Status.DELETED);
    }

    public List<String> lines() {
        return items.stream().map(Item::line).toList();
    }
}
