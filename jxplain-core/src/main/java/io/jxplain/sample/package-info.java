/**
 * Perturbations: the distributions explanations and metrics draw neighbours from (Gaussian, balls, baselines,
 * background rows, coordinates, Shapley-kernel coalitions, square patches).
 */
package io.jxplain.sample;
