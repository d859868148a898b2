package io.headlight.ui;

import io.headlight.model.AttentionResult;
import io.headlight.model.BundledModels;
import io.headlight.model.Token;
import io.headlight.render.DescribedFigure;
import io.headlight.render.HeatmapFigure;
import io.headlight.render.ShownMatrix;
import io.headlight.ui.canvas.FigurePane;
import io.headlight.ui.canvas.HeadLocator;
import io.headlight.ui.canvas.SurfacePainter;
import io.headlight.ui.views.StatsView;
import io.headlight.ui.work.FxBackground;
import javafx.animation.AnimationTimer;
import javafx.geometry.Point2D;
import javafx.geometry.Rectangle2D;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.Node;
import javafx.scene.layout.BackgroundFill;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The explorer window driven as a user would, headless (Monocle), on the real default model. */
@ExtendWith(ApplicationExtension.class)
class ExplorerWindowTest {
    private final Path prefs = tempSettingsFile();
    private FxBackground background;
    private ExplorerViewModel viewModel;
    private ExplorerWindow window;
    private Stage stage;

    @Start
    void start(Stage primary) {
        stage = primary;
        RememberedSettings settings = new RememberedSettings(prefs);
        // Monocle's headless screen is 1280 x 800; a larger window breaks its painter.
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

    /** Closes a window test's window and its workers, and deletes its settings file with the file's lock. */
    static void closeWindow(Stage stage, ExplorerViewModel viewModel, FxBackground background, Path prefs)
            throws IOException {
        onFx(() -> {
            stage.hide();
            viewModel.close();
            background.close();
            return null;
        });
        Files.deleteIfExists(prefs);
        Files.deleteIfExists(prefs.resolveSibling(prefs.getFileName() + ".lock"));
    }

    static Path tempSettingsFile() {
        try {
            Path file = Files.createTempFile("headlight-settings-", ".properties");
            Files.delete(file);
            return file;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void typingASentenceAndEnterShowsItsTokensInTheHeatmap(FxRobot robot) {
        awaitFx(() -> viewModel.explainedProperty().get() != null);
        robot.clickOn("#sentenceA").press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL);
        robot.write("Cats chase mice").type(KeyCode.ENTER);

        awaitFx(() -> "Cats chase mice".equals(shownText()));
        List<String> tokens = onFx(() -> viewModel.explainedProperty().get().result().tokens().stream()
                .map(Token::text).toList());
        assertEquals(List.of("[CLS]", "cats", "chase", "mice", "[SEP]"), tokens);
        awaitFx(() -> heatmap(robot) != null && tokens.equals(heatmap(robot).labels()));
    }

    @Test
    void layerSliderChangesTheShownLayer(FxRobot robot) {
        awaitFx(() -> heatmap(robot) != null);
        Slider layer = robot.lookup("#layerSlider").queryAs(Slider.class);
        robot.interact(() -> layer.setValue(3));

        awaitFx(() -> heatmapTitle(robot).contains("layer 3 · head 0"));
        assertEquals("3", robot.lookup("#layerValue").queryAs(Label.class).getText());
    }

    @Test
    void altArrowsMoveLayerAndHeadWhileTheTextFieldHasFocus(FxRobot robot) {
        awaitFx(() -> heatmap(robot) != null);
        robot.clickOn("#sentenceA");
        robot.press(KeyCode.ALT).type(KeyCode.DOWN, KeyCode.DOWN, KeyCode.RIGHT, KeyCode.RIGHT, KeyCode.RIGHT,
                KeyCode.LEFT).release(KeyCode.ALT);

        awaitFx(() -> heatmapTitle(robot).contains("layer 2 · head 2"));
        assertEquals("2", robot.lookup("#headValue").queryAs(Label.class).getText());
        assertTrue(robot.lookup("#sentenceA").query().isFocused(), "the text field keeps the focus");
    }

    @Test
    void clickingAHeadInTheModelViewOpensItInTheHeatmap(FxRobot robot) {
        awaitFx(() -> heatmap(robot) != null);
        robot.clickOn("#tab-model-view");
        FigurePane grid = robot.lookup("#modelFigure").queryAs(FigurePane.class);
        awaitFx(() -> grid.painter() instanceof HeadLocator);
        Point2D cell = onFx(() -> {
            HeadLocator locator = (HeadLocator) grid.painter();
            Point2D center = locator.centerOf(4, 7);
            return grid.figureToScreen(center.getX(), center.getY());
        });
        robot.clickOn(cell);

        assertEquals(4, (int) onFx(() -> viewModel.selection().layer()));
        assertEquals(7, (int) onFx(() -> viewModel.selection().head()));
        TabPane tabs = robot.lookup("#views").queryAs(TabPane.class);
        assertEquals("Heatmap", onFx(() -> tabs.getSelectionModel().getSelectedItem().getText()),
                "the click opened the head in the heatmap, as the readout promised");
        awaitFx(() -> heatmapTitle(robot).contains("layer 4 · head 7"));
    }

    @Test
    void theHeadStatsTableHighlightsTheShownHeadAndFollowsIt(FxRobot robot) {
        awaitFx(() -> heatmap(robot) != null);
        robot.clickOn("#tab-head-stats");
        TableView<?> table = robot.lookup("#statsTable").queryAs(TableView.class);
        robot.interact(() -> viewModel.selection().openHead(3, 5));
        awaitFx(() -> selectedHead(table).equals("3/5"));

        robot.press(KeyCode.ALT).type(KeyCode.DOWN, KeyCode.RIGHT).release(KeyCode.ALT);
        awaitFx(() -> selectedHead(table).equals("4/6"));
        robot.interact(() -> viewModel.selection().allHeadsProperty().set(true));
        awaitFx(() -> selectedHead(table).isEmpty());
        assertTrue(onFx(() -> viewModel.selection().allHeadsProperty().get()),
                "following the selection does not open a head of its own");
    }

    @Test
    void theSelectedHeadStandsOutOfTheStatsTableWhenTheTableHasNoFocus(FxRobot robot) {
        awaitFx(() -> heatmap(robot) != null);
        robot.clickOn("#tab-head-stats");
        TableView<?> table = robot.lookup("#statsTable").queryAs(TableView.class);
        robot.interact(() -> viewModel.selection().openHead(0, 1));
        awaitFx(() -> selectedHead(table).equals("0/1"));
        robot.clickOn("#sentenceA");
        awaitFx(() -> !table.isFocused());

        Color selected = onFx(() -> rowBackground(table, true));
        Color other = onFx(() -> rowBackground(table, false));

        assertTrue(contrast(selected, other) >= 2, "selected " + selected + " on rows of " + other);
    }

    @Test
    void theOverviewsBorderStandsOutOfTheLightFigure(FxRobot robot) {
        awaitFx(() -> heatmap(robot) != null);
        // The heatmap's own: another tab's view may have joined the scene this frame, not yet styled.
        Region overview = robot.from(robot.lookup("#heatmapFigure").queryAs(FigurePane.class))
                .lookup("#figureOverview").queryAs(Region.class);

        Color border = onFx(() -> (Color) overview.getBorder().getStrokes().get(0).getTopStroke());
        Color onWhite = Color.WHITE.interpolate(border.deriveColor(0, 1, 1, 1), border.getOpacity());

        assertTrue(contrast(onWhite, Color.WHITE) >= 4.5, "overview border " + border + " on white");
    }

    @Test
    void theScrubBarFitsOneRowOfTheDefault1280PixelWindow(FxRobot robot) {
        awaitFx(() -> heatmap(robot) != null);
        robot.interact(() -> {
            stage.setX(0);
            stage.setWidth(1280);
        });
        Region bar = robot.lookup(".scrub-bar").queryAs(Region.class);
        WaitForAsyncUtils.waitForFxEvents();

        List<Double> middles = onFx(() -> bar.getChildrenUnmodifiable().stream()
                .map(n -> n.getBoundsInParent().getCenterY()).toList());
        double spread = middles.stream().mapToDouble(d -> d).max().orElseThrow()
                - middles.stream().mapToDouble(d -> d).min().orElseThrow();
        assertTrue(spread < 4, "the scrub bar wrapped: controls' middles " + middles);
    }

    /** The colour of the table's selected row (or of another filled one), its last background fill. */
    private static Color rowBackground(TableView<?> table, boolean selected) {
        for (Node n : table.lookupAll(".table-row-cell")) {
            if (n instanceof TableRow<?> row && !row.isEmpty() && row.isSelected() == selected
                    && row.getBackground() != null) {
                List<BackgroundFill> fills = row.getBackground().getFills();
                return (Color) fills.get(fills.size() - 1).getFill();
            }
        }
        throw new AssertionError("no " + (selected ? "selected" : "unselected") + " row drawn");
    }

    /** WCAG contrast ratio of two opaque colours. */
    private static double contrast(Color a, Color b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    private static double luminance(Color c) {
        return 0.2126 * linear(c.getRed()) + 0.7152 * linear(c.getGreen()) + 0.0722 * linear(c.getBlue());
    }

    private static double linear(double v) {
        return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    }

    private static String selectedHead(TableView<?> table) {
        return table.getSelectionModel().getSelectedItem() instanceof StatsView.HeadRow row
                ? row.layer() + "/" + row.head() : "";
    }

    @Test
    void theHoverReadoutIsReadAgainWhenAScrubChangesTheCellUnderAStillPointer(FxRobot robot) {
        awaitFx(() -> heatmap(robot) != null);
        FigurePane pane = robot.lookup("#heatmapFigure").queryAs(FigurePane.class);
        Label readout = robot.from(pane.getParent()).lookup(".hover-readout").queryAs(Label.class);
        HeatmapFigure drawn = heatmapFigure(pane);
        robot.moveTo(onFx(() -> pane.figureToScreen(drawn.cellsLeft() + 2.5 * drawn.cell(),
                drawn.cellsTop() + 3.5 * drawn.cell())));
        awaitFx(() -> readout.getText().equals(cellReadout(0, 0, 3, 2)));

        robot.interact(() -> viewModel.selection().headProperty().set(5));

        awaitFx(() -> heatmapTitle(robot).contains("layer 0 · head 5"));
        assertEquals(cellReadout(0, 5, 3, 2), onFx(readout::getText));
        robot.moveTo("#sentenceA");
        awaitFx(() -> readout.getText().isBlank());
    }

    @Test
    void a512TokenHeatmapFillsTheViewWithLabelsThatNamePositions(FxRobot robot) {
        // As large as Monocle's 1280 x 800 screen allows, nearer the 1600 x 1000 window it is meant for.
        robot.interact(() -> {
            stage.setX(0);
            stage.setY(0);
            stage.setWidth(1200);
            stage.setHeight(760);
        });
        FigurePane pane = showLongInput(robot);
        HeatmapFigure drawn = heatmapFigure(pane);
        double side = onFx(() -> Math.min(pane.getWidth(), pane.getHeight()));

        assertTrue(512 * drawn.cell() >= 0.8 * side, "cells span " + 512 * drawn.cell() + " of " + side + " px");
        assertEquals("300 " + heatmap(robot).labels().get(300), drawn.axisLabels().get(300));
    }

    @Test
    void goToTokenZoomsOntoItsRowAndColumn(FxRobot robot) {
        FigurePane pane = showLongInput(robot);
        Rectangle2D before = onFx(pane::visibleArea);
        double fittedWidth = heatmapFigure(pane).width();
        robot.clickOn(pane).press(KeyCode.CONTROL, KeyCode.G).release(KeyCode.G, KeyCode.CONTROL);
        robot.write("300").type(KeyCode.ENTER);

        awaitFx(() -> {
            HeatmapFigure drawn = heatmapFigure(pane);
            Rectangle2D now = pane.visibleArea();
            double at = drawn.cellsLeft() + 300.5 * drawn.cell();
            double down = drawn.cellsTop() + 300.5 * drawn.cell();
            return !pane.fitted() && now.contains(at, down) && drawn.cell() >= 16;
        });
        Rectangle2D after = onFx(pane::visibleArea);
        HeatmapFigure drawn = heatmapFigure(pane);
        assertTrue(before.getWidth() >= fittedWidth - 1 && after.getWidth() < drawn.width() / 2
                        && after.getHeight() < drawn.height() / 2,
                "fitted, the view showed the whole map; now a part of it: " + before + " -> " + after);
    }

    /** Opens bge-small-en-v1.5 (12 x 12) on an input cut to its 512 positions; returns the heatmap pane. */
    private FigurePane showLongInput(FxRobot robot) {
        awaitFx(() -> viewModel.explainedProperty().get() != null);
        String longText = "the quick brown fox jumps over the lazy dog ".repeat(80);
        robot.interact(() -> {
            viewModel.textAProperty().set(longText);
            viewModel.loadModel("bge-small-en-v1.5");
        });
        awaitFx(() -> heatmap(robot) != null && heatmap(robot).labels().size() == 512
                && heatmapTitle(robot).startsWith("bge-small-en-v1.5"));
        return robot.lookup("#heatmapFigure").queryAs(FigurePane.class);
    }

    private String cellReadout(int layer, int head, int query, int key) {
        return onFx(() -> {
            Explained e = viewModel.explainedProperty().get();
            ShownMatrix m = ShownMatrix.of(e.result(), layer, head, false, false, false, false, e.textA(), null);
            return String.format(Locale.ROOT, "%s -> %s: %.4f", m.positionLabel(query), m.positionLabel(key),
                    m.at(query, key));
        });
    }

    private static HeatmapFigure heatmapFigure(FigurePane pane) {
        return onFx(() -> (HeatmapFigure) ((SurfacePainter) pane.painter()).figure());
    }

    @Test
    void theCompareTabSaysWhatToDoUntilASecondSentenceIsShown(FxRobot robot) {
        awaitFx(() -> heatmap(robot) != null);
        robot.clickOn("#tab-compare");
        Node hint = robot.lookup("#compareHint").query();
        FigurePane comparison = robot.lookup("#compareFigure").queryAs(FigurePane.class);
        awaitFx(hint::isVisible);
        assertNull(onFx(comparison::painter));

        robot.clickOn("#compareText").write("Dogs chase the mail carrier.").type(KeyCode.ENTER);

        awaitFx(() -> viewModel.comparedProperty().get() != null && comparison.painter() != null);
        assertFalse(onFx(hint::isVisible));
    }

    @Test
    void modelInfoShowsWhatInspectPrintsForTheOpenModel(FxRobot robot) {
        awaitFx(() -> viewModel.explainedProperty().get() != null);
        robot.press(KeyCode.CONTROL, KeyCode.I).release(KeyCode.I, KeyCode.CONTROL);
        awaitFx(() -> robot.lookup("#modelInfoText").tryQuery().isPresent());
        TextArea text = robot.lookup("#modelInfoText").queryAs(TextArea.class);
        String shown = onFx(text::getText);
        String expected = onFx(() -> viewModel.modelDescription().orElseThrow());
        assertEquals(expected, shown);
        assertTrue(shown.contains("layer 5:") && shown.contains("q/k vectors:") && shown.contains("norms:"), shown);
        robot.interact(() -> text.getScene().getWindow().hide());
    }

    @Test
    void aBrokenModelShowsAOneLineErrorAndTheWindowKeepsWorking(FxRobot robot, @TempDir Path dir)
            throws IOException {
        awaitFx(() -> viewModel.explainedProperty().get() != null);
        byte[] noise = new byte[4096];
        new Random(7).nextBytes(noise);
        Files.write(dir.resolve("model.onnx"), noise);
        Path tokenizer = BundledModels.modelsDir().resolve("all-MiniLM-L6-v2/all-minilm-l6-v2-tokenizer.json");
        Files.copy(tokenizer, dir.resolve("tokenizer.json"));

        robot.interact(() -> window.openModel(dir));
        awaitFx(() -> robot.lookup("#problemDialog").tryQuery().isPresent());
        DialogPane dialog = robot.lookup("#problemDialog").queryAs(DialogPane.class);
        String message = dialog.getContentText();
        assertFalse(message.contains("\n") || message.contains("Exception") || message.contains("\tat "),
                "one readable line, not a stack trace: " + message);
        robot.interact(() -> dialog.getScene().getWindow().hide());

        assertEquals(BundledModels.DEFAULT_ID, onFx(() -> viewModel.modelKeyProperty().get()));
        robot.clickOn("#sentenceA").press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL);
        robot.write("Still here").type(KeyCode.ENTER);
        awaitFx(() -> "Still here".equals(shownText()));
    }

    @Test
    void theWindowRemembersViewColourMapAndSizeWhenClosed(FxRobot robot) {
        awaitFx(() -> viewModel.modelKeyProperty().get() != null);
        robot.clickOn("#tab-model-view");
        robot.interact(() -> {
            ComboBox<String> colours = robot.lookup("#colorMap").query();
            colours.setValue("viridis");
            stage.setWidth(900);
            stage.hide();
        });

        RememberedSettings remembered = new RememberedSettings(prefs);
        assertEquals("Model view", remembered.view("?"));
        assertEquals("viridis", remembered.colorMap("?"));
        assertEquals(BundledModels.DEFAULT_ID, remembered.model("?"));
        assertEquals(onFx(() -> stage.getScene().getWidth()), remembered.width(0), 0.5);
    }

    @Test
    void theFxThreadKeepsAnimatingWhileA512TokenInferenceRuns(FxRobot robot) {
        awaitFx(() -> viewModel.explainedProperty().get() != null);
        AtomicInteger framesWhileRunning = new AtomicInteger();
        AnimationTimer counter = new AnimationTimer() {
            @Override
            public void handle(long now) {
                if (viewModel.runningProperty().get()) {
                    framesWhileRunning.incrementAndGet();
                }
            }
        };
        String longText = "the quick brown fox jumps over the lazy dog ".repeat(80);
        robot.interact(() -> {
            counter.start();
            viewModel.textAProperty().set(longText);
            viewModel.run();
        });

        awaitFx(() -> longText.equals(shownText()));
        robot.interact(counter::stop);
        AttentionResult result = onFx(() -> viewModel.explainedProperty().get().result());
        assertEquals(512, result.length());
        assertTrue(result.truncated());
        assertTrue(framesWhileRunning.get() >= 3,
                "FX pulses kept coming while inference ran: " + framesWhileRunning.get());
    }

    /** The sentence A of the result the views show now, or null before the first. */
    private String shownText() {
        Explained e = viewModel.explainedProperty().get();
        return e == null ? null : e.textA();
    }

    private static DescribedFigure heatmap(FxRobot robot) {
        FigurePane pane = robot.lookup("#heatmapFigure").queryAs(FigurePane.class);
        return pane.painter() instanceof DescribedFigure d ? d : null;
    }

    private static String heatmapTitle(FxRobot robot) {
        DescribedFigure shown = heatmap(robot);
        return shown == null ? "" : shown.title();
    }

    static <T> T onFx(Callable<T> read) {
        try {
            return WaitForAsyncUtils.asyncFx(read).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Waits (up to a minute: two cores are shared) until {@code condition}, read on the FX thread, holds. */
    static void awaitFx(Callable<Boolean> condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (Boolean.TRUE.equals(onFx(condition))) {
                return;
            }
            WaitForAsyncUtils.sleep(50, TimeUnit.MILLISECONDS);
        }
        throw new AssertionError("condition not met within 60 s");
    }
}
