/**
 * The jxplain command line (picocli): train, explain, report, evaluate, inspect, methods, demo, reproduce and
 * bench.
 */
package io.jxplain.cli;
