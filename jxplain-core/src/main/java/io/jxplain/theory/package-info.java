/**
 * The theory of Agarwal et al. 2021 as code: Theorem 2's Lipschitz constants (corrected), a
 * network's gradient-norm bound, and the sample sizes of Proposition 1 and Theorem 3.
 */
package io.jxplain.theory;
