/**
 * The cases of {@code jxplain bench}: end-to-end throughput of every explainer and metric, compared with Captum's
 * and PyTorch's measured figures.
 */
package io.jxplain.cli.bench;
