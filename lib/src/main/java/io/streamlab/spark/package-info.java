/**
 * Spark building blocks for the weather notebook ({@code notebooks/spark.ipynb}, the seed's Parts 3
 * and 4). The notebook shows the Spark steps a student should learn (readStream options, trigger,
 * output mode, the model); these classes hold the plumbing and are tested on small batch data and
 * file streams.
 *
 * <ul>
 *   <li>{@link io.streamlab.spark.StreamlabSpark} — the session: {@code StreamlabSpark.session("cs544")},
 *       settings in {@link io.streamlab.spark.SessionConfig}, connector jars for a standalone
 *       cluster from {@link io.streamlab.spark.ClasspathJars}.</li>
 *   <li>{@link io.streamlab.spark.StreamSettings} — triggers, durations and output paths from the
 *       environment, the seed's values by default.</li>
 *   <li>{@link io.streamlab.spark.TopicCheck} — fails fast when {@code stations-json} is missing or empty.</li>
 *   <li>{@link io.streamlab.spark.WeatherStream} — the Kafka source and the JSON parse with watermark.</li>
 *   <li>{@link io.streamlab.spark.StationStats} — per-station statistics.</li>
 *   <li>{@link io.streamlab.spark.RainForecast} — {@code today}, {@code features} and their join.</li>
 *   <li>{@link io.streamlab.spark.RainClassifier} — vector assembly, decision tree, evaluation.</li>
 *   <li>{@link io.streamlab.spark.ParquetWait}, {@link io.streamlab.spark.StreamWait},
 *       {@link io.streamlab.spark.StreamOutputs} — waiting on stream output with deadlines, and
 *       starting a run afresh.</li>
 * </ul>
 */
package io.streamlab.spark;
