/**
 * Spark plumbing for the notebooks, none of it tied to one lesson. The Spark a student learns — the
 * session's settings, the Kafka source, {@code from_json}, the watermark, the aggregation, the joins,
 * the model — stands in the notebooks' cells; these classes hold what a student is not asked to write.
 *
 * <ul>
 *   <li>{@link io.streamlab.spark.StreamlabSpark#deployment()} — where Spark runs (master, driver host)
 *       and what a standalone cluster's executors need ({@link io.streamlab.spark.ClasspathJars}, cell
 *       classes); settings and why in {@link io.streamlab.spark.SessionConfig}. The labs' shared
 *       session is {@link io.streamlab.spark.StreamlabSpark#session(String)}.</li>
 *   <li>{@link io.streamlab.spark.StreamWait}, {@link io.streamlab.spark.QueryRows} — waiting on a
 *       query's batches or rows with a deadline; {@link io.streamlab.spark.StreamOutputs} — starting a
 *       run afresh.</li>
 * </ul>
 *
 * <p>The weather project's Spark pieces ({@code SparkNotebookSettings}, {@code TopicCheck},
 * {@code ParquetWait}) are in {@code io.streamlab.weather}.
 */
package io.streamlab.spark;
