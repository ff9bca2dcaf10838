/**
 * Yeh et al. 2019 (NeurIPS), Tables 1–2 and Figure 2: infidelity and sensitivity of explanations and of their
 * smoothed variants on digits.
 */
package io.jxplain.experiments.yeh2019;
