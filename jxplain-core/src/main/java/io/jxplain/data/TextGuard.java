package io.jxplain.data;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * Passes text through, dropping a leading byte-order mark (Excel writes one into "CSV UTF-8" files, and it would
 * otherwise stick to the first column's name), and stops at the first sign that the input is not a text table: a NUL
 * character, or a line longer than {@value #MAX_LINE} characters. Written by hand: a dozen lines that no CSV library
 * offers, and what makes {@code --data /dev/zero} fail at once instead of filling the heap.
 */
final class TextGuard extends FilterReader {
    /** Longest line accepted: a 100 000-column row of 600-character cells. */
    static final int MAX_LINE = 64 << 20;

    /** The input is not a text table; the message says why. */
    static final class NotText extends IOException {
        private static final long serialVersionUID = 1L;

        NotText(String message) {
            super(message);
        }
    }

    private boolean started;
    private long line = 1;
    private long lineLength;

    TextGuard(Reader in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        char[] one = new char[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0];
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        int n = in.read(buffer, offset, length);
        if (n > 0 && !started) {
            started = true;
            if (buffer[offset] == '\uFEFF') {
                System.arraycopy(buffer, offset + 1, buffer, offset, n - 1);
                n--;
                if (n == 0) {
                    return read(buffer, offset, length);
                }
            }
        }
        for (int i = offset; i < offset + n; i++) {
            char c = buffer[i];
            if (c == '\n') {
                line++;
                lineLength = 0;
            } else if (c == 0) {
                throw new NotText("not a text file (a NUL character on line " + line + ")");
            } else if (++lineLength > MAX_LINE) {
                throw new NotText("line " + line + " is longer than " + (MAX_LINE >> 20) + " M characters: not a CSV"
                        + " table with one row per line");
            }
        }
        return n;
    }
}
