/**
 * The command-line vocabulary: picocli options made from the catalogue's settings, for the CLI and the Spark job
 * alike.
 */
package io.jxplain.options;
