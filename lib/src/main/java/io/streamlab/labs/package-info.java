/**
 * The further labs' data, one package each: {@code variance} (global variance of integers on Kafka),
 * {@code fraud} (credit-card transactions over a TCP socket), {@code hashtags} (trending hashtags
 * over a TCP socket), {@code social} (crawler payloads on Kafka, counted per platform and five-minute
 * bin), {@code lakehouse} (bronze, silver and gold parquet tables fed by a rate source). Each has a
 * seedable generator of its data, the thread or server that feeds it (except {@code hashtags}, whose
 * notebook writes its own socket server), and a settings record read from the environment. No lab
 * keeps Spark steps here: those are its notebook's own cells. The Kafka labs share
 * {@link io.streamlab.labs.LabTopic} and {@link io.streamlab.labs.LineProducer}, the socket labs
 * {@link io.streamlab.labs.LineServer}. What is not the labs' own lives below them: settings from the
 * environment in {@code io.streamlab.config}, topic administration in {@code io.streamlab.kafka}, waits on
 * queries in {@code io.streamlab.spark}.
 */
package io.streamlab.labs;
