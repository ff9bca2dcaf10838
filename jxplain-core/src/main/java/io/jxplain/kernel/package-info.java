/**
 * The numerical kernels every method runs on: dense products, least-squares normal equations and scans, in SIMD
 * (the incubating Vector API) and in plain Java with bit-identical results. Internal: its API may change.
 */
package io.jxplain.kernel;
