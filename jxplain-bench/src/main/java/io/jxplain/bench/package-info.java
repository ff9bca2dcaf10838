/**
 * JMH micro-benchmarks of the kernels, networks and explainers (benchmarks.jar).
 */
package io.jxplain.bench;
