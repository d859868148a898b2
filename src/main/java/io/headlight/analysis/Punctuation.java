package io.headlight.analysis;

import io.headlight.model.Token;

/**
 * Which tokens count as punctuation: a non-special token whose text (without a leading {@code ##}) is made
 * only of Unicode punctuation characters (general categories Pc, Pd, Ps, Pe, Pi, Pf, Po). Symbols such as
 * {@code $} or {@code +} (categories S*) are not punctuation; Chinese {@code ，} and {@code 。} are.
 */
public final class Punctuation {
    private Punctuation() {
    }

    /** Whether the token is punctuation by the rule above. */
    public static boolean is(Token token) {
        return !token.special() && isText(token.text());
    }

    /** Whether a token text is punctuation by the rule above. */
    public static boolean isText(String text) {
        String body = text.startsWith("##") && text.length() > 2 ? text.substring(2) : text;
        if (body.isEmpty()) {
            return false;
        }
        return body.codePoints().allMatch(Punctuation::isPunctuation);
    }

    private static boolean isPunctuation(int codePoint) {
        switch (Character.getType(codePoint)) {
            case Character.CONNECTOR_PUNCTUATION:
            case Character.DASH_PUNCTUATION:
            case Character.START_PUNCTUATION:
            case Character.END_PUNCTUATION:
            case Character.INITIAL_QUOTE_PUNCTUATION:
            case Character.FINAL_QUOTE_PUNCTUATION:
            case Character.OTHER_PUNCTUATION:
                return true;
            default:
                return false;
        }
    }
}
