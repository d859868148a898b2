package io.headlight.render;

import io.headlight.model.AttentionResult;
import io.headlight.model.HeadlightException;
import io.headlight.model.SharedModels;
import io.headlight.model.Token;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Axis labels that tell repeated tokens apart by position. */
class PositionLabelsTest {
    @Test
    void onlyRepeatedTokensOfAShortSentenceGetTheirPosition() throws HeadlightException {
        AttentionResult r = SharedModels.get("all-MiniLM-L6-v2").explain("the cat saw the dog", null);
        List<String> tokens = r.tokens().stream().map(Token::text).toList();

        assertEquals(List.of("[CLS]", "1 the", "cat", "saw", "4 the", "dog", "[SEP]"), PositionLabels.axis(tokens));
        assertEquals("2 cat", PositionLabels.at(2, tokens.get(2)));
    }

    @Test
    void thinnedAxesKeepRoundSteps() {
        assertEquals(1, PositionLabels.step(14, 14));
        assertEquals(2, PositionLabels.step(7, 14));
        assertEquals(5, PositionLabels.step(3, 14));
        assertEquals(10, PositionLabels.step(1.5, 14));
        assertEquals(20, PositionLabels.step(1, 14));
    }
}
