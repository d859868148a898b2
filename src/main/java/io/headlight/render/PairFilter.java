package io.headlight.render;

/** Which query -> key segments the head view draws for a sentence pair. */
public enum PairFilter {
    ALL("All", "all"), A_TO_A("A → A", "a-a"), B_TO_B("B → B", "b-b"), A_TO_B("A → B", "a-b"),
    B_TO_A("B → A", "b-a");

    private final String label;
    private final String flag;

    PairFilter(String label, String flag) {
        this.label = label;
        this.flag = flag;
    }

    /** The filter the command line names {@code all}, {@code a-a}, {@code b-b}, {@code a-b} or {@code b-a}. */
    public static PairFilter byFlag(String name) {
        for (PairFilter f : values()) {
            if (f.flag.equalsIgnoreCase(name.trim())) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown pair filter '" + name + "' (all, a-a, b-b, a-b or b-a)");
    }

    /** Whether a line from a query in segment {@code from} to a key in segment {@code to} is drawn. */
    public boolean allows(int from, int to) {
        return switch (this) {
            case ALL -> true;
            case A_TO_A -> from == 0 && to == 0;
            case B_TO_B -> from == 1 && to == 1;
            case A_TO_B -> from == 0 && to == 1;
            case B_TO_A -> from == 1 && to == 0;
        };
    }

    @Override
    public String toString() {
        return label;
    }
}
