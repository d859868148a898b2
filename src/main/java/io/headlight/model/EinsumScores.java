package io.headlight.model;

import ai.onnx.proto.OnnxMl.NodeProto;

import java.util.Optional;

/**
 * An {@code Einsum} that is a batched score product {@code Q K^T}, read from its equation by the letters'
 * roles rather than by their order: the output's last letter is the key position, the one before it the query
 * position, the others batch axes (batch, heads); the one letter both inputs share and the output lacks is the
 * head depth. So torch's {@code "bhqd,bhkd->bhqk"}, a pre-transposed key ({@code "bhqd,bhdk->bhqk"}) and keras'
 * {@code MultiHeadAttention}, which tf2onnx keeps as {@code einsum("aecd,abcd->acbe", key, query)} over
 * {@code [B,T,N,H]} tensors (key first, heads not yet moved), are all one form.
 *
 * @param queryInput which input is the query (0 or 1)
 * @param queryPerm  the Transpose that lays the query operand out as {@code [batch.., T, d]}
 * @param keyPerm    the Transpose that lays the key operand out as {@code [batch.., d, T]}
 */
record EinsumScores(int queryInput, long[] queryPerm, long[] keyPerm) {

    /** The roles in {@code einsum}'s equation, or empty when it is no batched {@code Q K^T}. */
    static Optional<EinsumScores> of(NodeProto einsum) {
        if (einsum.getInputCount() != 2) {
            return Optional.empty();
        }
        String equation = "";
        for (var attribute : einsum.getAttributeList()) {
            if (attribute.getName().equals("equation")) {
                equation = attribute.getS().toStringUtf8().replace(" ", "");
            }
        }
        String[] sides = equation.split("->", -1);
        String[] terms = sides[0].split(",", -1);
        if (sides.length != 2 || terms.length != 2 || equation.contains(".")) {
            return Optional.empty();
        }
        String out = sides[1];
        int n = out.length();
        if (n < 3 || !distinct(out) || !distinct(terms[0]) || !distinct(terms[1])
                || terms[0].length() != n || terms[1].length() != n) {
            return Optional.empty();
        }
        char key = out.charAt(n - 1);
        char query = out.charAt(n - 2);
        String batch = out.substring(0, n - 2);
        Character depth = null;
        for (char c : terms[0].toCharArray()) {
            if (terms[1].indexOf(c) >= 0 && out.indexOf(c) < 0) {
                if (depth != null) {
                    return Optional.empty();
                }
                depth = c;
            }
        }
        if (depth == null) {
            return Optional.empty();
        }
        String queryOrder = batch + query + depth;
        String keyOrder = batch + depth + key;
        for (int q = 0; q < 2; q++) {
            if (sameLetters(terms[q], queryOrder) && sameLetters(terms[1 - q], keyOrder)) {
                return Optional.of(new EinsumScores(q, perm(terms[q], queryOrder), perm(terms[1 - q], keyOrder)));
            }
        }
        return Optional.empty();
    }

    static boolean identity(long[] perm) {
        for (int i = 0; i < perm.length; i++) {
            if (perm[i] != i) {
                return false;
            }
        }
        return true;
    }

    /** The Transpose perm taking axes named by {@code from} to the order {@code to}. */
    private static long[] perm(String from, String to) {
        long[] perm = new long[to.length()];
        for (int i = 0; i < perm.length; i++) {
            perm[i] = from.indexOf(to.charAt(i));
        }
        return perm;
    }

    private static boolean sameLetters(String a, String b) {
        return a.length() == b.length() && a.chars().allMatch(c -> b.indexOf(c) >= 0);
    }

    private static boolean distinct(String term) {
        return term.chars().distinct().count() == term.length();
    }
}
