package io.headlight.render;

import io.headlight.analysis.NormAttention;
import io.headlight.model.AttentionModel;
import io.headlight.model.AttentionResult;
import io.headlight.model.Norms;
import io.headlight.model.SharedModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The neuron view prints each key's ‖f(x_j)‖ and α‖f(x_j)‖ beside the weight, from the model's value Gram. */
class NeuronFigureNormsTest {
    @Test
    void everyKeyRowShowsItsValueNormAndTheWeightTimesIt(@TempDir Path dir) throws Exception {
        AttentionModel model = SharedModels.get("all-MiniLM-L6-v2");
        AttentionResult r = model.explain("The cat sat on the mat, and then it slept.", null, Norms.COMPUTE);
        int layer = 3;
        int head = 7;
        int query = 2;
        NeuronFigure figure = new NeuronFigure(r, layer, head, query, 0xFF000000, 0xFFD9480F, new PngSurface(1, 1, 1));
        List<String> texts = texts(figure, dir);

        int t = r.length();
        float[] norms = NormAttention.valueNorms(r.valueGramBuffer(layer), r.heads(), t);
        int header = texts.indexOf("α‖f(x)‖");
        assertTrue(header > 0 && "‖f(x)‖".equals(texts.get(header - 1)), "the two norm columns are headed");
        for (int k = 0; k < t; k++) {
            float alpha = r.attention(layer, head, query, k);
            float norm = norms[head * t + k];
            // Each row prints the key twice (query column, key column), then q·k, score, softmax, α and the norms.
            int at = nthRow(texts, header, k);
            assertEquals(String.format(Locale.ROOT, "%.4f", alpha), texts.get(at + 3), "α of key " + k);
            assertEquals(String.format(Locale.ROOT, "%.2f", norm), texts.get(at + 4), "‖f(x)‖ of key " + k);
            assertEquals(String.format(Locale.ROOT, "%.4f", alpha * norm), texts.get(at + 5), "α‖f(x)‖ of key " + k);
        }
    }

    /** Index of row k's first number (q·k): rows are token, token, then six numbers. */
    private static int nthRow(List<String> texts, int header, int k) {
        return header + 1 + k * 8 + 2;
    }

    private static List<String> texts(NeuronFigure figure, Path dir) throws Exception {
        SvgFigureSurface svg = new SvgFigureSurface(figure.width(), figure.height(), 0xFFFFFFFF);
        figure.draw(svg);
        Path file = dir.resolve("n.svg");
        svg.write(file);
        NodeList nodes = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile())
                .getElementsByTagName("text");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add(nodes.item(i).getTextContent());
        }
        return out;
    }
}
