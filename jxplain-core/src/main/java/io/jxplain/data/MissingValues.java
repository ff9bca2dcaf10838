package io.jxplain.data;

/** What to do with a missing cell (empty, NA, ?, NaN) in a kept column. */
public enum MissingValues {
    /** Stop with an error naming file, line and column (the default: nothing is guessed). */
    ERROR,
    /** Drop every row with a missing value in a kept column, and say how many were dropped. */
    DROP_ROWS
}
