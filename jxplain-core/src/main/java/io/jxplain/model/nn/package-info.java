/**
 * Built-in neural networks: dense and convolutional layers with exact gradients, their JSON format ({@link
 * io.jxplain.model.nn.NetworkJson}), model files with their standardisation and categories ({@link
 * io.jxplain.model.nn.NetworkFile}), training and logistic regression.
 */
package io.jxplain.model.nn;
