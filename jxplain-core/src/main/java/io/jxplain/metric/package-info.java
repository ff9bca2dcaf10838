/**
 * Measures of how far to trust an explanation: {@link io.jxplain.metric.Metric} and one class per metric
 * (infidelity, max- and avg-sensitivity, local and discrete Lipschitz estimates, neighbourhood robustness,
 * parameter randomisation), each value with its standard error.
 */
package io.jxplain.metric;
