/**
 * jxplain on Apache Spark: explanations and metrics over millions of rows, models shipped as bytes ({@link
 * io.jxplain.spark.ModelSource}), the spark-submit job.
 */
package io.jxplain.spark;
