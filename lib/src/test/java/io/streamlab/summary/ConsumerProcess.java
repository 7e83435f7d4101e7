package io.streamlab.summary;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A summary consumer in its own JVM, for tests that kill it: with some probability it halts the JVM
 * between writing a partition file's temporary version and renaming it — the worst moment to die.
 *
 * <p>Arguments: topic, snapshot directory, iterations, poll ms, halt probability, seed, partitions
 * ("0,1"). The broker comes from the environment, as for any consumer.
 */
public final class ConsumerProcess {

    /** The exit code of a JVM that halted between write and rename. */
    public static final int HALTED_BEFORE_RENAME = 99;
    /** Printed at the first save, so a test knows the consumer is consuming. */
    public static final String FIRST_SAVE = "first save";

    private ConsumerProcess() {
    }

    public static void main(String[] args) {
        System.out.println("consumer JVM up after " + ManagementFactory.getRuntimeMXBean().getUptime() + " ms");
        String topic = args[0];
        Path directory = Path.of(args[1]);
        int iterations = Integer.parseInt(args[2]);
        Duration poll = Duration.ofMillis(Long.parseLong(args[3]));
        double haltProbability = Double.parseDouble(args[4]);
        Random random = new Random(Long.parseLong(args[5]));
        List<Integer> partitions = Arrays.stream(args[6].split(",")).map(Integer::parseInt).toList();

        ConsumerSettings settings = ConsumerSettings.current().withTopic(topic).withSnapshotDirectory(directory)
                .withIterations(iterations).withPollTimeout(poll);
        long[] saves = {0};
        SnapshotStore store = new SnapshotStore(directory, (temporary, target) -> {
            if (saves[0]++ == 0) {
                System.out.println(FIRST_SAVE + " after " + ManagementFactory.getRuntimeMXBean().getUptime() + " ms");
                System.out.flush();
            }
            if (random.nextDouble() < haltProbability) {
                System.out.println("halting before renaming " + temporary);
                System.out.flush();
                Runtime.getRuntime().halt(HALTED_BEFORE_RENAME); // no shutdown hooks, no finally: like a power cut
            }
        });
        SummaryConsumer consumer = new SummaryConsumer(settings, partitions, store);
        consumer.run();
        System.exit(consumer.stats().ok() ? 0 : 1);
    }
}
