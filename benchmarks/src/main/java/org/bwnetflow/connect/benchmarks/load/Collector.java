package org.bwnetflow.connect.benchmarks.load;

/** A flow collector under load: started once, counted before and after each step. */
interface Collector extends AutoCloseable {

    String name();

    /** UDP port it receives NetFlow on (127.0.0.1). */
    int port();

    /** Prepares a step: afterwards {@link #delivered()} counts from zero. */
    void beginStep() throws Exception;

    /** Flows delivered (in Kafka, or on disk) since {@link #beginStep()}; may block to flush. */
    long delivered() throws Exception;

    /** CPU seconds (user + system) the collector's processes have used since it started. */
    double cpuSeconds();

    /** Heap in use (JVM collectors), or resident memory, in bytes; -1 if unknown. */
    long memoryBytes() throws Exception;

    /** Records in the topics a sink running beside the collector reads that it has not read yet; -1 without a sink. */
    default long sinkLag() throws Exception {
        return -1;
    }

    @Override
    void close();
}
