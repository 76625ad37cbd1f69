package org.bwnetflow.connect.it;

import java.util.HashMap;
import java.util.Map;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.remote.JMXConnector;
import org.bwnetflow.connect.stack.watch.JvmMetrics;

/** Reads the worker's MBeans by attaching to its JVM (same user, local management agent). */
final class WorkerJmx {

    private WorkerJmx() {
    }

    /** Every numeric attribute of the MBeans matching {@code pattern}, keyed "ObjectName:attribute". */
    static Map<String, Double> read(long pid, String pattern) throws Exception {
        Map<String, Double> values = new HashMap<>();
        try (JMXConnector connector = JvmMetrics.connect(pid)) {
            JvmMetrics.read(connector.getMBeanServerConnection(), pattern).forEach((name, attributes) ->
                    attributes.forEach((attribute, value) -> values.put(name + ":" + attribute, value)));
        }
        return values;
    }

    /** Runs a full GC in the worker's JVM (as System.gc() would) and returns the heap in use afterwards. */
    static long heapUsedAfterGc(long pid) throws Exception {
        try (JMXConnector connector = JvmMetrics.connect(pid)) {
            MBeanServerConnection server = connector.getMBeanServerConnection();
            ObjectName memory = new ObjectName("java.lang:type=Memory");
            server.invoke(memory, "gc", null, null);
            CompositeData usage = (CompositeData) server.getAttribute(memory, "HeapMemoryUsage");
            return (Long) usage.get("used");
        }
    }
}
