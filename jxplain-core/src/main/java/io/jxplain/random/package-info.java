/**
 * Seeded random streams, one per row split from one seed, and the normal and uniform draws (SIMD and scalar, bit-
 * identical): same seed, same result, whatever the thread count.
 */
package io.jxplain.random;
