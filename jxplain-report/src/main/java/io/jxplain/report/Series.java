package io.jxplain.report;

/** One curve: points (x, y) and an optional band [low, high] around it (null when there is none). */
public record Series(String name, double[] x, double[] y, double[] low, double[] high) {
    public Series {
        if (x.length != y.length || x.length == 0) {
            throw new IllegalArgumentException("series '" + name + "' needs as many y as x values, and at least one");
        }
        if ((low == null) != (high == null) || low != null && (low.length != x.length || high.length != x.length)) {
            throw new IllegalArgumentException("series '" + name + "' needs a band of " + x.length + " low and high values");
        }
    }

    public static Series line(String name, double[] x, double[] y) {
        return new Series(name, x, y, null, null);
    }
}
