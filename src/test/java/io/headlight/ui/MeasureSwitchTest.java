package io.headlight.ui;

import io.headlight.analysis.HeadStat;
import io.headlight.analysis.HeadStatistics;
import io.headlight.analysis.HeadStats;
import io.headlight.analysis.NormAttention;
import io.headlight.analysis.NormRollout;
import io.headlight.analysis.TokenAlignment;
import io.headlight.model.AttentionResult;
import io.headlight.model.Token;
import io.headlight.render.DescribedFigure;
import io.headlight.render.FigureExport;
import io.headlight.render.ShownMatrix;
import io.headlight.ui.canvas.FigurePane;
import io.headlight.ui.views.StatsView;
import io.headlight.ui.work.FxBackground;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.headlight.ui.ExplorerWindowTest.awaitFx;
import static io.headlight.ui.ExplorerWindowTest.closeWindow;
import static io.headlight.ui.ExplorerWindowTest.onFx;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The window's measure switch, weights α or norms ‖α f(x)‖, on the real default model (MiniLM), headless. */
@ExtendWith(ApplicationExtension.class)
class MeasureSwitchTest {
    private static final String NORMS = "norms ‖α f(x)‖";
    private static final int LAYER = 2;
    private static final int HEAD = 5;

    private final Path prefs = ExplorerWindowTest.tempSettingsFile();
    private FxBackground background;
    private ExplorerViewModel viewModel;
    private ExplorerWindow window;
    private Stage stage;
    @TempDir
    Path dir;

    @Start
    void start(Stage primary) {
        stage = primary;
        RememberedSettings settings = new RememberedSettings(prefs);
        settings.rememberSize(1000, 700);
        background = new FxBackground();
        viewModel = new ExplorerViewModel(background);
        window = new ExplorerWindow(stage, viewModel, settings);
        window.show();
    }

    @AfterEach
    void tearDown() throws IOException {
        closeWindow(stage, viewModel, background, prefs);
    }

    @Test
    void ctrlMRedrawsEveryFigureWithTheNormsOfTheSelectedHead(FxRobot robot) throws IOException {
        AttentionResult r = firstResult(robot);
        onFx(() -> {
            viewModel.compareTextProperty().set("Dogs chase the mail carrier.");
            viewModel.runComparison();
            return null;
        });
        awaitFx(() -> viewModel.comparedProperty().get() != null);
        AttentionResult compared = onFx(() -> viewModel.comparedProperty().get().result());
        String[] tabs = {"#tab-heatmap", "#tab-model-view", "#tab-head-view", "#tab-compare"};
        for (String tab : tabs) {
            assertFalse(svgOf(robot, tab).contains(NORMS), tab + " draws weights before the switch");
        }

        robot.clickOn("#sentenceA").press(KeyCode.CONTROL, KeyCode.M).release(KeyCode.M, KeyCode.CONTROL);

        assertTrue(onFx(() -> viewModel.selection().normsProperty().get()), "Ctrl+M switched to norms");
        r = resultWithNorms();
        awaitFx(() -> NormAttention.available(viewModel.comparedProperty().get().result()));
        compared = onFx(() -> viewModel.comparedProperty().get().result());
        float[] expected = NormAttention.headMatrix(r, LAYER, HEAD);
        for (String tab : tabs) {
            assertTrue(svgOf(robot, tab).contains(NORMS), tab + " says it draws norms");
        }
        assertArrayEquals(expected, exportOf(robot, "#tab-heatmap").matrix().values(), 1e-6f);
        assertArrayEquals(expected, exportOf(robot, "#tab-head-view").matrix().values(), 1e-6f);
        // The compare view exports first minus second over the tokens the two sentences share.
        TokenAlignment shared = TokenAlignment.of(r.tokens().stream().map(Token::text).toList(),
                compared.tokens().stream().map(Token::text).toList());
        assertArrayEquals(shared.difference(expected, NormAttention.headMatrix(compared, LAYER, HEAD)),
                exportOf(robot, "#tab-compare").matrix().values(), 1e-6f);
        assertTrue(svgOf(robot, "#tab-head-view").contains("· opacity 0 to"),
                "the head view's opacities are norms divided by the largest drawn");
        assertTrue(svgOf(robot, "#tab-model-view").contains(String.format(java.util.Locale.ROOT,
                "norms ‖α f(x)‖, 0 to %.2f", largestNorm(r))), "the grid's shared scale runs to the largest norm");
    }

    @Test
    void rolloutWordLevelAndHiddenSpecialTokensFollowTheMeasure(FxRobot robot) {
        AttentionResult r = firstResult(robot);
        ChoiceBox<?> measure = robot.lookup("#measure").queryAs(ChoiceBox.class);
        robot.interact(() -> ((ChoiceBox<String>) measure).setValue(ScrubBar.NORMS));
        r = resultWithNorms();

        robot.interact(() -> viewModel.selection().rolloutProperty().set(true));
        assertArrayEquals(NormRollout.upTo(r, LAYER), shownHeatmap(robot, "rollout").values(), 1e-6f);

        robot.interact(() -> {
            viewModel.selection().rolloutProperty().set(false);
            viewModel.selection().hideSpecialProperty().set(true);
            viewModel.selection().wordLevelProperty().set(true);
        });
        ShownMatrix norms = shownHeatmap(robot, "word level");
        Explained e = onFx(() -> viewModel.explainedProperty().get());
        ShownMatrix weights = ShownMatrix.of(r, LAYER, HEAD, false, false, true, true, e.textA(), e.textB());
        assertEquals(weights.labels(), norms.labels(), "the same words, without [CLS] and [SEP]");
        assertArrayEquals(ShownMatrix.of(r, LAYER, HEAD, false, false, true, true, true, e.textA(), e.textB())
                .values(), norms.values(), 1e-6f);
        assertFalse(java.util.Arrays.equals(weights.values(), norms.values()), "norms are not the weights");

        robot.interact(() -> ((ChoiceBox<String>) measure).setValue(ScrubBar.WEIGHTS));
        awaitFx(() -> !heatmapTitle(robot).contains("norms"));
        assertArrayEquals(weights.values(), exportOf(robot, "#tab-heatmap").matrix().values(), 0f);
    }

    private AttentionResult firstResult(FxRobot robot) {
        awaitFx(() -> viewModel.explainedProperty().get() != null);
        robot.interact(() -> viewModel.selection().openHead(LAYER, HEAD));
        AttentionResult r = onFx(() -> viewModel.explainedProperty().get().result());
        assertFalse(NormAttention.available(r), "a run for the weights measure skips the norms side graph");
        return r;
    }

    /** The result the window runs again once norms are shown, which carries the value Gram. */
    private AttentionResult resultWithNorms() {
        awaitFx(() -> NormAttention.available(viewModel.explainedProperty().get().result()));
        return onFx(() -> viewModel.explainedProperty().get().result());
    }

    @Test
    void theHeadStatisticsTabHasTheModelRunWithNormsForItsNormShares(FxRobot robot) {
        firstResult(robot);
        TabPane tabs = robot.lookup("#views").queryAs(TabPane.class);
        robot.interact(() -> tabs.getTabs().stream().filter(t -> t.getId().equals("tab-head-stats")).findFirst()
                .ifPresent(t -> tabs.getSelectionModel().select(t)));
        AttentionResult r = resultWithNorms();
        HeadStats stats = HeadStatistics.of(r);
        assertFalse(Float.isNaN(stats.value(HeadStat.NORM_SEP, LAYER, HEAD)), "the norm share to [SEP] is a number");
        assertFalse(onFx(() -> viewModel.selection().normsProperty().get()), "the measure stays weights");

        // The dashboard's one glance: the weight share to [SEP] and, beside it, its norm share.
        Object choice = robot.lookup("#statistic").query();
        robot.interact(() -> setValue(choice, HeadStat.SEP.title()));
        TableView<StatsView.HeadRow> table = robot.lookup("#statsTable").queryAs(TableView.class);
        awaitFx(() -> table.getColumns().stream().anyMatch(c -> "otherMeasure".equals(c.getId()) && c.isVisible()
                && table.getItems().stream().anyMatch(row -> row.other() != null)));
        TableColumn<?, ?> other = onFx(() -> table.getColumns().stream().filter(c -> "otherMeasure".equals(c.getId()))
                .findFirst().orElseThrow());
        assertEquals("norms", onFx(other::getText));
        StatsView.HeadRow row = onFx(() -> table.getItems().stream()
                .filter(x -> x.layer() == LAYER && x.head() == HEAD).findFirst().orElseThrow());
        assertEquals(stats.value(HeadStat.SEP, LAYER, HEAD), row.value(), 1e-6f);
        assertEquals(stats.value(HeadStat.NORM_SEP, LAYER, HEAD), row.other(), 1e-6f);
    }

    @SuppressWarnings("unchecked")
    private static void setValue(Object control, String value) {
        if (control instanceof ChoiceBox<?> box) {
            ((ChoiceBox<String>) box).setValue(value);
        } else {
            ((javafx.scene.control.ComboBox<String>) control).setValue(value);
        }
    }

    private ShownMatrix shownHeatmap(FxRobot robot, String what) {
        awaitFx(() -> heatmapTitle(robot).contains("norms"));
        ShownMatrix m = exportOf(robot, "#tab-heatmap").matrix();
        assertTrue(m.note().contains("measure: norms"), what + ": the legend says norms: " + m.note());
        return m;
    }

    static String heatmapTitle(FxRobot robot) {
        FigurePane pane = robot.lookup("#heatmapFigure").queryAs(FigurePane.class);
        return pane.painter() instanceof DescribedFigure d ? d.title() : "";
    }

    private FigureExport exportOf(FxRobot robot, String tab) {
        robot.clickOn(tab);
        awaitFx(() -> window.currentView().export() != null);
        // The tab's figure is rebuilt on the pulse after it shows; an export read before would be the old one.
        awaitFx(() -> {
            FigureExport now = window.currentView().export();
            return now != null && now.baseName().contains("-norms") == viewModel.selection().normsProperty().get();
        });
        return onFx(() -> window.currentView().export());
    }

    private String svgOf(FxRobot robot, String tab) throws IOException {
        FigureExport figure = exportOf(robot, tab);
        Path svg = dir.resolve(tab.substring(1) + System.nanoTime() + ".svg");
        onFx(() -> {
            figure.writeSvg(svg);
            return null;
        });
        return Files.readString(svg, StandardCharsets.UTF_8);
    }

    private static float largestNorm(AttentionResult r) {
        float max = 0;
        for (int l = 0; l < r.layers(); l++) {
            for (int h = 0; h < r.heads(); h++) {
                for (float v : NormAttention.headMatrix(r, l, h)) {
                    max = Math.max(max, v);
                }
            }
        }
        return max;
    }
}
