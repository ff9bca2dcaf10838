/**
 * ONNX models through ONNX Runtime, as black boxes: signatures as the converters write them (ZipMap, one input per
 * column), float32 and float64, tree ensembles recognised.
 */
package io.jxplain.onnx;
