package org.bwnetflow.connect.it;

import com.sun.tools.attach.VirtualMachine;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/** Reads the worker's MBeans by attaching to its JVM (same user, local management agent). */
final class WorkerJmx {

    private WorkerJmx() {
    }

    /** Every numeric attribute of the MBeans matching {@code pattern}, keyed "ObjectName:attribute". */
    static Map<String, Double> read(long pid, String pattern) throws Exception {
        Map<String, Double> values = new HashMap<>();
        try (JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(agent(pid)))) {
            MBeanServerConnection server = connector.getMBeanServerConnection();
            Set<ObjectName> names = server.queryNames(new ObjectName(pattern), null);
            for (ObjectName name : names) {
                for (var attribute : server.getMBeanInfo(name).getAttributes()) {
                    Object value = server.getAttribute(name, attribute.getName());
                    if (value instanceof Number) {
                        values.put(name + ":" + attribute.getName(), ((Number) value).doubleValue());
                    }
                }
            }
        }
        return values;
    }

    /** Runs a full GC in the worker's JVM (as System.gc() would) and returns the heap in use afterwards. */
    static long heapUsedAfterGc(long pid) throws Exception {
        try (JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(agent(pid)))) {
            MBeanServerConnection server = connector.getMBeanServerConnection();
            ObjectName memory = new ObjectName("java.lang:type=Memory");
            server.invoke(memory, "gc", null, null);
            CompositeData usage = (CompositeData) server.getAttribute(memory, "HeapMemoryUsage");
            return (Long) usage.get("used");
        }
    }

    private static String agent(long pid) throws Exception {
        VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
        try {
            return vm.startLocalManagementAgent();
        } finally {
            vm.detach();
        }
    }
}
