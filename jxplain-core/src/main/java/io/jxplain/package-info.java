/**
 * The library's foundation: {@link io.jxplain.Setting} (one setting: name, type, default, range, source), input
 * checks ({@link io.jxplain.Checks}), the heap budget, the thread pool every parallel loop shares, and names.
 */
package io.jxplain;
