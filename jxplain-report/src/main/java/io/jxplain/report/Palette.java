package io.jxplain.report;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one set of colours and line styles of every chart jxplain draws: Okabe and Ito's palette, which readers with a
 * colour-vision deficiency tell apart (yellow, the faintest on white, last). A {@link Keyed} hands the same colour to
 * the same key everywhere in a chart, so a method keeps its colour across data sets.
 */
public final class Palette {
    /** Blue, vermillion, bluish green, orange, reddish purple, sky blue, black, yellow. */
    static final String[] COLOURS = {"#0072B2", "#D55E00", "#009E73", "#E69F00", "#CC79A7", "#56B4E9", "#000000",
            "#F0E442"};
    /** Stroke dash patterns, the first solid: what tells a data set (or σ², or a model) apart in one colour. */
    static final String[] DASHES = {"", "8,4", "2,3", "10,3,2,3", "14,4"};
    /** Blue and vermillion for negative and positive values. */
    static final String NEGATIVE = COLOURS[0];
    static final String POSITIVE = COLOURS[1];
    /** Orange: high feature values (low ones are {@link #NEGATIVE}'s blue), and a chart's bars. */
    static final String HIGH = COLOURS[3];
    static final String GREY = "#999999";

    private Palette() {
    }

    static String colour(int i) {
        return COLOURS[i % COLOURS.length];
    }

    /** Numbers keys in the order first asked: key k gets entry k of a cycle (colours or dashes). */
    static final class Keyed {
        private final Map<String, Integer> order = new LinkedHashMap<>();

        int of(String key) {
            return order.computeIfAbsent(key, k -> order.size());
        }
    }
}
