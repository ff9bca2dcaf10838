/**
 * The searches of the local Lipschitz estimate: random search and Bayesian optimisation (a Gaussian process with
 * expected improvement) in a box.
 */
package io.jxplain.metric.optimize;
