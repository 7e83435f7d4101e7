package io.streamlab.weather;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Random;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Simulated weather for up to 26 stations: the seed's {@code all_stations}. One report per station
 * per day from 2000-01-01; a round of all stations, then a pause (1 s by default, one simulated day
 * per second).
 *
 * <p>Immutable and fluent, so a notebook cell reads as one line:
 * <pre>{@code
 * Weather.stations(3).seed(42).limit(6).forEach(System.out::println);
 * var reports = Weather.stations(15).seed(42).pause(Duration.ZERO).stream();
 * }</pre>
 * Each {@link #iterator()} starts a new run from 2000-01-01. With a {@link #seed(long) seed} every
 * run is the same weather; without one every run is different.
 */
public final class Weather implements Iterable<WeatherReport> {

    public static final Duration DEFAULT_PAUSE = Duration.ofSeconds(1);

    private final int stationCount;
    private final Long seed;
    private final Duration pause;
    private final long limit;

    private Weather(int stationCount, Long seed, Duration pause, long limit) {
        this.stationCount = stationCount;
        this.seed = seed;
        this.pause = pause;
        this.limit = limit;
    }

    /** Weather for the first {@code count} stations (A, B, …); at most 26. */
    public static Weather stations(int count) {
        Stations.names(count); // rejects 0 or more than 26 with a message naming the limit
        return new Weather(count, null, DEFAULT_PAUSE, -1);
    }

    /** The same weather on every run: for tests and reproducible notebooks. */
    public Weather seed(long seed) {
        return new Weather(stationCount, seed, pause, limit);
    }

    /** The pause after each round of all stations; {@link Duration#ZERO} runs as fast as possible. */
    public Weather pause(Duration pause) {
        Objects.requireNonNull(pause, "pause");
        if (pause.isNegative()) {
            throw new IllegalArgumentException("the pause between rounds cannot be negative, got " + pause);
        }
        return new Weather(stationCount, seed, pause, limit);
    }

    /** Only the first {@code reports} reports (the weather otherwise never ends). */
    public Weather limit(long reports) {
        if (reports < 0) {
            throw new IllegalArgumentException("the number of reports cannot be negative, got " + reports);
        }
        return new Weather(stationCount, seed, pause, reports);
    }

    public int stationCount() {
        return stationCount;
    }

    public List<String> stationNames() {
        return Stations.names(stationCount);
    }

    public Duration pause() {
        return pause;
    }

    /** True when {@link #limit(long)} bounds the run. */
    public boolean isBounded() {
        return limit >= 0;
    }

    /**
     * A new run, pausing between rounds. If the thread is interrupted during a pause the run ends
     * (and the interrupt stays set), so a notebook cell looping over endless weather can be stopped.
     */
    @Override
    public Iterator<WeatherReport> iterator() {
        Iterator<List<WeatherReport>> rounds = rounds();
        return new Iterator<>() {
            private Iterator<WeatherReport> round = Collections.emptyIterator();
            private boolean started;
            private boolean interrupted;

            @Override
            public boolean hasNext() {
                while (!round.hasNext() && !interrupted && rounds.hasNext()) {
                    if (started && !pauseBetweenRounds()) {
                        interrupted = true;
                        break;
                    }
                    started = true;
                    round = rounds.next().iterator();
                }
                return round.hasNext();
            }

            @Override
            public WeatherReport next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("the weather run has ended");
                }
                return round.next();
            }
        };
    }

    /** A new run as a stream (endless unless {@link #limit(long) limited}), pausing between rounds. */
    public Stream<WeatherReport> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator(),
                Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    /** All reports of a bounded run. */
    public List<WeatherReport> toList() {
        if (!isBounded()) {
            throw new IllegalStateException("the weather never ends: call .limit(n) before .toList()");
        }
        List<WeatherReport> reports = new ArrayList<>();
        iterator().forEachRemaining(reports::add);
        return reports;
    }

    /**
     * A new run as rounds (one report per station, all for the same day), without pausing: for callers
     * that pace the run themselves, like the producer, which must be able to stop between rounds.
     * The last round of a limited run may be short.
     */
    public Iterator<List<WeatherReport>> rounds() {
        Random random = seed == null ? new Random() : new Random(seed);
        List<StationWeather> stations = new ArrayList<>(stationCount);
        for (String name : stationNames()) {
            stations.add(new StationWeather(name, random));
        }
        return new Iterator<>() {
            private long remaining = limit;

            @Override
            public boolean hasNext() {
                return remaining != 0;
            }

            @Override
            public List<WeatherReport> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("the weather run has ended");
                }
                int size = remaining < 0 ? stations.size() : (int) Math.min(stations.size(), remaining);
                List<WeatherReport> round = new ArrayList<>(size);
                for (int i = 0; i < size; i++) {
                    round.add(stations.get(i).next());
                }
                if (remaining > 0) {
                    remaining -= size;
                }
                return List.copyOf(round);
            }
        };
    }

    /** Sleeps the pause; false when interrupted. */
    private boolean pauseBetweenRounds() {
        if (pause.isZero()) {
            return true;
        }
        try {
            Thread.sleep(pause.toMillis(), pause.toNanosPart() % 1_000_000);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public String toString() {
        return "Weather[" + stationCount + " stations (A–" + (char) ('A' + stationCount - 1) + ")"
                + (seed == null ? "" : ", seed " + seed)
                + ", pause " + pause
                + (isBounded() ? ", " + limit + " reports" : ", endless") + "]";
    }
}
