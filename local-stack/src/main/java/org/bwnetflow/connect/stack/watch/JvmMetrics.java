package org.bwnetflow.connect.stack.watch;

import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.management.JMException;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * Reads the MBeans of another JVM of the same user by attaching to it (its local management
 * agent): no JMX port is opened, so nothing of the stack's metrics is reachable over the network.
 */
public final class JvmMetrics {

    private JvmMetrics() {
    }

    /** A JMX connection to the JVM with this pid; the caller closes it. */
    public static JMXConnector connect(long pid) throws IOException {
        String address;
        try {
            VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
            try {
                address = vm.startLocalManagementAgent();
            } finally {
                vm.detach();
            }
        } catch (AttachNotSupportedException e) {
            throw new IOException("cannot attach to pid " + pid + " (another user's JVM, or not a JVM): "
                    + e.getMessage(), e);
        }
        return JMXConnectorFactory.connect(new JMXServiceURL(address));
    }

    /** Every numeric attribute of the MBeans matching {@code pattern}, per MBean. */
    public static Map<ObjectName, Map<String, Double>> read(MBeanServerConnection server, String pattern)
            throws IOException {
        Map<ObjectName, Map<String, Double>> values = new LinkedHashMap<>();
        try {
            for (ObjectName name : server.queryNames(new ObjectName(pattern), null)) {
                Map<String, Double> attributes = new LinkedHashMap<>();
                for (MBeanAttributeInfo attribute : server.getMBeanInfo(name).getAttributes()) {
                    Object value = readQuietly(server, name, attribute.getName());
                    if (value instanceof Number number) {
                        attributes.put(attribute.getName(), number.doubleValue());
                    }
                }
                values.put(name, attributes);
            }
        } catch (JMException e) {
            throw new IOException("cannot read MBeans " + pattern + ": " + e.getMessage(), e);
        }
        return values;
    }

    /** An MBean removed between query and read (a task stopping) is simply not there. */
    private static Object readQuietly(MBeanServerConnection server, ObjectName name, String attribute) throws IOException {
        try {
            return server.getAttribute(name, attribute);
        } catch (JMException | RuntimeException e) {
            return null;
        }
    }
}
