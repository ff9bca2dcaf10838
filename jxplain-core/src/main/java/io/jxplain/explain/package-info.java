/**
 * Explanation methods: {@link io.jxplain.explain.Explainer}, the one interface, and one class per method
 * (gradients, SmoothGrad, C-LIME, the closed form, Integrated Gradients, occlusion, LIME, KernelSHAP, exact Shapley
 * values, TreeSHAP, guided backprop, ε-LRP, the infidelity-optimal explanations, smoothing); each explanation
 * carries its standard errors, model calls and provenance.
 */
package io.jxplain.explain;
