package org.bwnetflow.connect.benchmarks.enrich;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.bwnetflow.connect.enrich.customer.PrefixTable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * How long CustomerId takes to load a prefix list, and how much heap the loaded table keeps:
 * writes a synthetic list, then loads it {@code --runs} times and reports the time of each
 * load and the heap in use after a full GC with and without the table.
 */
@Command(name = "prefix-table-load", mixinStandardHelpOptions = true)
public final class PrefixTableLoad implements Callable<Integer> {

    @Option(names = "--prefixes", description = "prefixes in the list (default ${DEFAULT-VALUE})")
    int prefixes = 1_000_000;

    @Option(names = "--runs", description = "loads to time (default ${DEFAULT-VALUE})")
    int runs = 3;

    public static void main(String[] args) {
        System.exit(new CommandLine(new PrefixTableLoad()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Path dir = Files.createTempDirectory("prefix-table-load");
        Path file = dir.resolve("prefixes.csv");
        SyntheticPrefixList.write(file, prefixes, 42);
        System.out.printf("list: %,d prefixes, %,d bytes%n", prefixes, Files.size(file));
        for (int run = 1; run <= runs; run++) {
            long before = heapAfterGc();
            long start = System.nanoTime();
            PrefixTable table = PrefixTable.load(file);
            double seconds = (System.nanoTime() - start) / 1e9;
            long after = heapAfterGc();
            System.out.printf("run %d: loaded %,d prefixes in %.2f s; heap kept by the table %.0f MB (%.0f B per "
                    + "prefix); %,d ranges in %,d bytes of arrays%n", run, table.size(), seconds,
                    (after - before) / 1e6, (after - before) / (double) table.size(), table.ranges(),
                    table.arrayBytes());
            if (table.lookup(new byte[] {10, 0, 0, 1}) < 0) {
                throw new IllegalStateException("unreachable: keeps the table alive until here");
            }
        }
        Files.delete(file);
        Files.delete(dir);
        return 0;
    }

    private static long heapAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
