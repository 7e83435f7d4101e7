package io.streamlab.kafka;

import io.streamlab.weather.Weather;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * The weather producer as a program, for a terminal, the tests and the benchmarks: sends until
 * SIGTERM or Ctrl-C, then flushes, prints the tally and exits.
 *
 * <pre>usage: ProduceWeather [--stations N] [--pause-ms M] [--seed S] [--recreate-topics]</pre>
 */
public final class ProduceWeather {

    private static final String USAGE = "usage: ProduceWeather [--stations N] [--pause-ms M] [--seed S] [--recreate-topics]";

    private ProduceWeather() {
    }

    public static void main(String[] args) throws InterruptedException {
        int stations = 15;
        long pauseMillis = Weather.DEFAULT_PAUSE.toMillis();
        Long seed = null;
        boolean recreateTopics = false;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--stations" -> stations = Integer.parseInt(args[++i]);
                    case "--pause-ms" -> pauseMillis = Long.parseLong(args[++i]);
                    case "--seed" -> seed = Long.parseLong(args[++i]);
                    case "--recreate-topics" -> recreateTopics = true;
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
        } catch (ArrayIndexOutOfBoundsException | IllegalArgumentException e) {
            System.err.println(e instanceof ArrayIndexOutOfBoundsException ? "an option is missing its value" : e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
        }

        Weather weather = Weather.stations(stations).pause(Duration.ofMillis(pauseMillis));
        if (seed != null) {
            weather = weather.seed(seed);
        }
        WeatherTopics topics = WeatherTopics.current();
        if (recreateTopics) {
            topics.recreate();
        }
        WeatherProducer producer = new WeatherProducer(weather, topics).start();
        System.out.println("producing " + weather + " to " + topics.names() + " at " + topics.bootstrapServers());

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            producer.stop();
            System.out.println(producer);
            stopped.countDown();
        }, "stop-producer"));
        stopped.await();
    }
}
