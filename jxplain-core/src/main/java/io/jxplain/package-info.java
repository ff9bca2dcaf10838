/**
 * The library's foundation: {@link io.jxplain.Setting} (one setting: name, type, default, range, source), the version,
 * and names. The helpers jxplain's modules share (checks, the thread pool, the heap budget) are in
 * {@code io.jxplain.internal}, which is not API.
 */
package io.jxplain;
