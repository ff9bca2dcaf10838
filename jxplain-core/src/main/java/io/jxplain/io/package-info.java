/**
 * Outputs that never clobber: a file or folder is written beside its destination and swapped in only when complete
 * ({@link io.jxplain.io.StagedFile}, {@link io.jxplain.io.StagedFolder}).
 */
package io.jxplain.io;
