/**
 * TorchScript models through DJL and PyTorch, with exact input gradients by autograd.
 */
package io.jxplain.torch;
