package org.bwnetflow.connect.stack;

/**
 * Main class of the tiny JVMs {@link StackProcessTest} spawns: {@code exit N} exits with N,
 * anything else prints a line and sleeps until signalled.
 */
public final class Sleeper {

    private Sleeper() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length == 2 && args[0].equals("exit")) {
            System.out.println("exiting with " + args[1]);
            System.exit(Integer.parseInt(args[1]));
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("sleeper got SIGTERM")));
        System.out.println("sleeper started");
        Thread.sleep(Long.MAX_VALUE);
    }
}
