package org.bwnetflow.connect.it;

import com.sun.tools.attach.VirtualMachine;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/** Reads the worker's MBeans by attaching to its JVM (same user, local management agent). */
final class WorkerJmx {

    private WorkerJmx() {
    }

    /** Every numeric attribute of the MBeans matching {@code pattern}, keyed "ObjectName:attribute". */
    static Map<String, Double> read(long pid, String pattern) throws Exception {
        VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
        String address;
        try {
            address = vm.startLocalManagementAgent();
        } finally {
            vm.detach();
        }
        Map<String, Double> values = new HashMap<>();
        try (JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(address))) {
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
}
