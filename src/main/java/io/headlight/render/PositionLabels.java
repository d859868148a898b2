package io.headlight.render;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Token labels that name one position each: {@code "137 the"}. Axes put the position in front where a token
 * occurs more than once or the axis is long enough that a reader counts by number; hover text and exported
 * tables always do, so two "the" can never be mistaken for each other.
 */
public final class PositionLabels {
    /** From this many tokens on, every axis label carries its position. */
    public static final int DENSE = 40;

    private PositionLabels() {
    }

    /** A token's label with its position in front, as hover text and tables show it: {@code "137 the"}. */
    public static String at(int position, String token) {
        return position + " " + token;
    }

    /** Axis labels: each with its position where the axis is dense, else only the tokens that repeat. */
    public static List<String> axis(List<String> tokens) {
        return axis(tokens, null);
    }

    /** As {@link #axis(List)}, token i standing for position {@code positions[i]} (null: for position i). */
    public static List<String> axis(List<String> tokens, int[] positions) {
        Set<String> seen = new HashSet<>();
        Set<String> repeated = new HashSet<>();
        for (String t : tokens) {
            if (!seen.add(t)) {
                repeated.add(t);
            }
        }
        boolean dense = tokens.size() >= DENSE;
        List<String> out = new ArrayList<>(tokens.size());
        for (int i = 0; i < tokens.size(); i++) {
            int position = positions == null ? i : positions[i];
            out.add(dense || repeated.contains(tokens.get(i)) ? at(position, tokens.get(i)) : tokens.get(i));
        }
        return out;
    }

    /**
     * Which labels of an axis to draw when each gets {@code pitch} pixels and a label needs {@code needed}: every
     * one when they fit, else every 2nd, 5th, 10th, 20th ... so the positions shown stay round numbers.
     */
    public static int step(double pitch, double needed) {
        if (pitch >= needed) {
            return 1;
        }
        if (pitch <= 0 || Double.isNaN(pitch)) {
            return Integer.MAX_VALUE;
        }
        int base = 1;
        while (base < 100_000_000) {
            for (int m : new int[] {2, 5, 10}) {
                if (pitch * base * m >= needed) {
                    return base * m;
                }
            }
            base *= 10;
        }
        return base;
    }
}
