package org.bwnetflow.connect.tenant.provision.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bwnetflow.connect.tenant.provision.TenantRecords;

/** {@link TenantRecords} in a map, for the provisioner's tests; remembers the order of writes. */
public final class InMemoryTenantRecords implements TenantRecords {

    public final Map<String, Long> users = new TreeMap<>();
    /** E.g. {@code created tenant-1000 1000}, {@code removed tenant-1000}. */
    public final List<String> writes = new ArrayList<>();

    @Override
    public Map<String, Long> createdUsers() {
        return new TreeMap<>(users);
    }

    @Override
    public void created(String user, long cid) {
        users.put(user, cid);
        writes.add("created " + user + " " + cid);
    }

    @Override
    public void removed(String user) {
        users.remove(user);
        writes.add("removed " + user);
    }

    @Override
    public String where() {
        return "topic _tenants";
    }
}
