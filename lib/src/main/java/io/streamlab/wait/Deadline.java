package io.streamlab.wait;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * A point in time a wait gives up at: every wait on a broker, a query or a file goes through one, so none
 * waits forever and each says what it was waiting for. What happens at the deadline is the caller's
 * choice — most throw ({@link #await}), a few report it and go on ({@link #passed()}).
 *
 * <pre>{@code
 * Deadline.in(Duration.ofSeconds(30)).await(() -> topicIsGone(), Duration.ofMillis(100),
 *         () -> "topic stations still exists 30 s after deleting it");
 * }</pre>
 */
public final class Deadline {

    private final long deadlineNanos;

    private Deadline(long deadlineNanos) {
        this.deadlineNanos = deadlineNanos;
    }

    /** The deadline {@code timeout} from now. */
    public static Deadline in(Duration timeout) {
        return new Deadline(System.nanoTime() + timeout.toNanos());
    }

    public boolean passed() {
        return System.nanoTime() - deadlineNanos > 0;
    }

    /** What is left until the deadline; zero once it passed. */
    public Duration left() {
        long left = deadlineNanos - System.nanoTime();
        return left > 0 ? Duration.ofNanos(left) : Duration.ZERO;
    }

    /**
     * Sleeps for {@code poll}, or what is left if that is shorter. An interrupt ends the wait with an
     * {@link IllegalStateException} naming what was awaited (the thread stays interrupted).
     */
    public void pause(Duration poll, String waitingFor) {
        pause(poll, () -> waitingFor);
    }

    private void pause(Duration poll, Supplier<String> waitingFor) {
        long millis = Math.max(1, Math.min(poll.toMillis(), left().toMillis() + 1));
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting: " + waitingFor.get(), e);
        }
    }

    /**
     * Polls {@code condition} every {@code poll} until it holds; throws an {@link IllegalStateException}
     * with {@code failure}'s message once the deadline has passed.
     */
    public void await(BooleanSupplier condition, Duration poll, Supplier<String> failure) {
        while (!condition.getAsBoolean()) {
            if (passed()) {
                throw new IllegalStateException(failure.get());
            }
            pause(poll, failure);
        }
    }
}
