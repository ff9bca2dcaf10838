/**
 * Models as explainers see them: {@link io.jxplain.model.Model} (batched outputs), {@link
 * io.jxplain.model.Differentiable} (and its input gradients), the explained {@link io.jxplain.model.Target}, finite
 * differences for black boxes, categorical inputs and image shapes.
 */
package io.jxplain.model;
