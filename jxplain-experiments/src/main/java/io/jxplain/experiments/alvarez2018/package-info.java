/**
 * Alvarez-Melis &amp; Jaakkola 2018, Figures 2–7: local and discrete Lipschitz estimates of LIME, SHAP and gradient
 * methods on UCI sets, COMPAS and digits.
 */
package io.jxplain.experiments.alvarez2018;
