/**
 * Spark plumbing for the notebooks. The Spark a student learns — the session's settings, the Kafka
 * source, {@code from_json}, the watermark, the aggregation, the joins, the model — stands in the
 * cells of {@code notebooks/spark.ipynb}; these classes hold what a student is not asked to write.
 *
 * <ul>
 *   <li>{@link io.streamlab.spark.StreamlabSpark#deployment()} — where Spark runs (master, driver host)
 *       and what a standalone cluster's executors need ({@link io.streamlab.spark.ClasspathJars}, cell
 *       classes); settings and why in {@link io.streamlab.spark.SessionConfig}. The labs' shared
 *       session is {@link io.streamlab.spark.StreamlabSpark#session(String)}.</li>
 *   <li>{@link io.streamlab.spark.StreamSettings} — triggers, durations and output paths from the
 *       environment, the seed's values by default.</li>
 *   <li>{@link io.streamlab.spark.TopicCheck} — fails fast when a topic is missing or empty.</li>
 *   <li>{@link io.streamlab.spark.ParquetWait}, {@link io.streamlab.spark.StreamWait},
 *       {@link io.streamlab.spark.StreamOutputs} — waiting on stream output with deadlines, and
 *       starting a run afresh.</li>
 * </ul>
 */
package io.streamlab.spark;
