package io.headlight.render;

import io.headlight.model.AttentionResult;
import io.headlight.model.HeadlightException;
import io.headlight.model.SharedModels;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The neuron view's rows name their tokens as the heatmap's axes do, so repeated tokens can be told apart. */
class NeuronFigureTest {
    @Test
    void aRepeatedTokenIsLabelledWithItsPositionInBothColumns() throws HeadlightException {
        AttentionResult r = SharedModels.get("all-MiniLM-L6-v2").explain("the cat saw the dog", null);
        assertEquals(List.of("[CLS]", "the", "cat", "saw", "the", "dog", "[SEP]"),
                r.tokens().stream().map(t -> t.text()).toList());
        TextRecorder texts = new TextRecorder();
        new NeuronFigure(r, 0, 0, 2, 0xFF202020, 0xFFD9480F, new PngSurface(1, 1, 1)).draw(texts);

        List<String> drawn = texts.drawn.stream().map(TextRecorder.Text::s).toList();
        assertEquals(2, drawn.stream().filter("1 the"::equals).count(), "query and key column: " + drawn);
        assertEquals(2, drawn.stream().filter("4 the"::equals).count(), "query and key column: " + drawn);
        assertEquals(2, drawn.stream().filter("cat"::equals).count(), "a token seen once keeps its bare label");
        assertFalse(drawn.contains("the"), "no row says only \"the\": " + drawn);
    }
}
