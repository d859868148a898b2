package io.headlight.render;

/** Which query -> key segments the head view draws for a sentence pair. */
public enum PairFilter {
    ALL("All"), A_TO_A("A → A"), B_TO_B("B → B"), A_TO_B("A → B"), B_TO_A("B → A");

    private final String label;

    PairFilter(String label) {
        this.label = label;
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
