/**
 * The further labs, one package each: {@code variance} (global variance of integers on Kafka),
 * {@code fraud} (credit-card transactions over a TCP socket), {@code hashtags} (trending hashtags),
 * {@code social} (crawler payloads counted per platform and five-minute bin). Each has a seedable generator of its
 * data, the thread or server that feeds it, a settings record read from the environment, and the
 * Spark steps its notebook shows.
 */
package io.streamlab.labs;
