package org.bwnetflow.connect.stack;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Main class of the JVM that formats a secure broker's log dir: runs Kafka's storage tool with
 * {@code --add-scram} for the operator, reading the password from its file here, so that it
 * never appears on a command line ({@code ps}, {@code /proc/PID/cmdline}).
 *
 * <p>Arguments: {@code PASSWORD_FILE USER STORAGE_TOOL_ARGS...}. Runs with the Kafka runtime
 * classpath plus this module's classes; the storage tool is called reflectively because this
 * module does not compile against the broker.
 */
public final class ScramFormat {

    private ScramFormat() {
    }

    public static void main(String[] args) throws IOException, ReflectiveOperationException {
        if (args.length < 3) {
            System.err.println("usage: ScramFormat PASSWORD_FILE USER STORAGE_TOOL_ARGS...");
            System.exit(2);
        }
        String password = PasswordFile.read(Path.of(args[0]));
        List<String> toolArgs = new ArrayList<>(Arrays.asList(args).subList(2, args.length));
        toolArgs.add("--add-scram");
        toolArgs.add(StackSecurity.scramBootstrapEntry(args[1], password));
        Method execute = Class.forName(KafkaBroker.STORAGE_TOOL_CLASS).getMethod("execute", String[].class, PrintStream.class);
        int exit;
        try {
            exit = (Integer) execute.invoke(null, toolArgs.toArray(new String[0]), System.out);
        } catch (InvocationTargetException e) {
            // The tool's own message, never the arguments (they hold the password).
            Throwable cause = e.getCause();
            System.err.println("formatting failed: " + cause.getClass().getName() + ": " + cause.getMessage());
            exit = 1;
        }
        System.exit(exit);
    }
}
