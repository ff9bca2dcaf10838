package io.jxplain.data;

/** A data file that cannot be read as asked; the message names the file, and the row and column where known. */
public final class DataFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A file that cannot be read as data; the message names the file and, where it can, the line and column. */
    public DataFormatException(String message) {
        super(message);
    }

    /** The same, with the error that revealed it. */
    public DataFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
