/**
 * Every explanation method and metric by name, with its settings and defaults: what the command line, the Spark job
 * and {@code jxplain methods} build from, so a setting has one name and one default everywhere.
 */
package io.jxplain.catalog;
