package io.jxplain;

import java.util.ArrayList;
import java.util.List;

/** Lists of names in messages: whole when short, shortened when long, so an error stays one readable line. */
public final class Names {
    private static final int WHOLE = 8;

    private Names() {
    }

    /** "a, b, c" for up to eight items; "p0, p1, p2, …, p782, p783 (784 in all)" beyond. */
    public static String shortList(List<?> items) {
        List<String> shown = new ArrayList<>();
        if (items.size() <= WHOLE) {
            items.forEach(i -> shown.add(String.valueOf(i)));
            return String.join(", ", shown);
        }
        for (int i = 0; i < 3; i++) {
            shown.add(String.valueOf(items.get(i)));
        }
        shown.add("…");
        for (int i = items.size() - 2; i < items.size(); i++) {
            shown.add(String.valueOf(items.get(i)));
        }
        return String.join(", ", shown) + " (" + items.size() + " in all)";
    }
}
