/**
 * Agarwal et al. 2021 (ICML), Figures 2–5: SmoothGrad and C-LIME against samples, noise and model accuracy, with a
 * report of the paper's claims.
 */
package io.jxplain.experiments.agarwal2021;
