package io.headlight.ui;

import io.headlight.model.AttentionResult;
import io.headlight.model.BundledModels;
import io.headlight.model.Token;
import io.headlight.ui.canvas.FxFonts;
import io.headlight.model.StartupTrace;
import io.headlight.ui.views.ExplorerView;
import io.headlight.ui.views.StatsView;
import io.headlight.ui.views.ViewFactory;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.scene.Scene;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.controlsfx.control.MaskerPane;
import org.controlsfx.control.StatusBar;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Puts the explorer together on a stage: input and scrub bars, one tab per view, the status bar, the menu,
 * keys, drag and drop, theme and remembered settings. It holds no logic of its own beyond that wiring.
 */
public final class ExplorerWindow {
    static final String EXAMPLE = "The animal didn't cross the street because it was too tired.";

    private final Stage stage;
    private final ExplorerViewModel viewModel;
    private final RememberedSettings settings;
    private final Appearance appearance = new Appearance();
    private final ModelPicker picker;
    private final InputBar inputBar;
    private final ScrubBar scrubBar;
    private final List<ExplorerView> views;
    private final TabPane tabs = new TabPane();
    private final StatusBar statusBar = new StatusBar();
    private final MaskerPane masker = new MaskerPane();
    private final Exports exports;
    private Scene scene;

    public ExplorerWindow(Stage stage, ExplorerViewModel viewModel, RememberedSettings settings) {
        this.stage = stage;
        this.viewModel = viewModel;
        this.settings = settings;
        this.picker = new ModelPicker(viewModel, () -> stage);
        this.inputBar = new InputBar(viewModel, picker);
        this.scrubBar = new ScrubBar(viewModel.selection(), appearance, viewModel.whyNoNormsProperty());
        this.views = ViewFactory.create(viewModel, appearance, this::showView);
        this.exports = new Exports(viewModel, appearance, this::currentView, () -> stage);
        createView();
        initListeners();
    }

    private void createView() {
        for (ExplorerView v : views) {
            Tab tab = new Tab(v.name());
            tab.setClosable(false);
            tab.setId("tab-" + v.name().replace(' ', '-').toLowerCase(java.util.Locale.ROOT));
            tabs.getTabs().add(tab);
        }
        tabs.setId("views");
        statusBar.setId("statusBar");
        statusBar.setText("");
        masker.setVisible(false);
        masker.setProgressVisible(true);
        ExplorerMenu menu = new ExplorerMenu(picker, appearance, exports, viewModel.selection(),
                viewModel.whyNoNormsProperty(), this::showModelInfo, stage::close);
        BorderPane main = new BorderPane(tabs);
        main.setTop(new VBox(menu.node(), inputBar.node(), scrubBar.node()));
        main.setBottom(statusBar);
        StackPane root = new StackPane(main, masker);
        scene = new Scene(root, settings.width(1280), settings.height(820));
        stage.setScene(scene);
        stage.setMinWidth(720);
        stage.setMinHeight(480);
    }

    private void showModelInfo() {
        viewModel.modelDescription().ifPresentOrElse(text -> ModelInfoDialog.show(stage, text),
                () -> viewModel.report(Problem.of("No model is open yet", "Open a model first; its info shows here.")));
    }

    private void initListeners() {
        stage.titleProperty().bind(viewModel.titleProperty());
        statusBar.textProperty().bind(viewModel.statusProperty());
        masker.visibleProperty().bind(viewModel.loadingProperty());
        masker.textProperty().bind(viewModel.loadingWhatProperty());
        statusBar.progressProperty().bind(javafx.beans.binding.Bindings.when(viewModel.runningProperty())
                .then(-1.0).otherwise(0.0));
        viewModel.problemProperty().addListener((obs, old, now) -> {
            if (now != null) {
                ProblemDialog.show(stage, now);
            }
        });
        tabs.getSelectionModel().selectedIndexProperty().addListener((obs, old, now) -> {
            // By index: the selected item is set after the index, so it still names the old tab here.
            attach(now.intValue());
            currentView().onShown();
        });
        viewModel.normSharesShownProperty().bind(Bindings.createBooleanBinding(
                () -> currentView() instanceof StatsView, tabs.getSelectionModel().selectedIndexProperty()));
        viewModel.explainedProperty().addListener((obs, old, now) -> viewModel.reportMissingFont(now == null ? ""
                : FxFonts.canvas().advice(now.result().tokens().stream().map(Token::text).toList())));
        KeyBindings.install(scene, viewModel.selection());
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.G, KeyCombination.SHORTCUT_DOWN),
                () -> currentView().focusGoTo());
        ModelDrop.install(scene, picker);
        appearance.darkProperty().addListener(obs -> applyTheme());
        applyTheme();
    }

    /** Restores what the last launch remembered, loads its model and focuses sentence A. */
    public void show() {
        show(LaunchRequest.NONE);
    }

    /** As {@link #show()}, but what the launch arguments name wins over what was remembered. */
    public void show(LaunchRequest request) {
        appearance.darkProperty().set(settings.dark());
        String map = settings.colorMap("YlGnBu");
        appearance.colorMapNameProperty().set(Appearance.COLOR_MAP_NAMES.contains(map) ? map : "YlGnBu");
        viewModel.selection().normsProperty().set(settings.norms());
        showView(request.view() != null ? request.view() : settings.view(views.get(0).name()));
        attach(tabs.getSelectionModel().getSelectedIndex());
        rememberChanges();
        viewModel.textAProperty().set(request.text() != null ? request.text() : settings.textA(EXAMPLE));
        viewModel.textBProperty().set(request.textB() != null ? request.textB() : settings.textB());
        if (request.layer() == null && request.head() == null) {
            restoreHead(settings.layer(), settings.head());
        } else {
            openHeadOnFirstResult(request);
        }
        stage.show();
        inputBar.sentenceA().requestFocus();
        inputBar.sentenceA().selectAll();
        // The model's work starts once the window has been laid out for its first frame, not beside the window's
        // start: with the warm open down to a third of a second, opening it from the app's start only took the
        // window's CPU. Interleaved bench --startup runs (medians of 5, warm): the window 0.95-1.02 s against
        // 1.19 s with the open begun in Application.start, the first result 1.48-1.58 s against 1.43-1.45 s.
        Runnable[] once = new Runnable[1];
        once[0] = () -> {
            scene.removePostLayoutPulseListener(once[0]);
            StartupTrace.mark("window shown");
            if (StartupTrace.exitAfterFirstResult()) {
                // The archive's training run quits at its first result, often before the last tab would follow:
                // all of them now, so the classes their views load are in the archive too.
                for (int i = 0; i < views.size(); i++) {
                    attach(i);
                }
            } else {
                attachHiddenTabsAfterFirstResult();
            }
            if (request.model() != null) {
                viewModel.loadModel(request.model());
            } else {
                viewModel.loadRememberedModel(firstModel(request, settings), BundledModels.DEFAULT_ID);
            }
        };
        scene.addPostLayoutPulseListener(once[0]);
    }

    /** Puts the view of the tab at {@code index} into the scene, if it is not there yet. */
    private void attach(int index) {
        Tab tab = tabs.getTabs().get(Math.max(0, index));
        if (tab.getContent() == null) {
            tab.setContent(views.get(Math.max(0, index)).node());
        }
    }

    /**
     * The first frame carries only the tab the window opens on: the hidden tabs' views hold about half the
     * window's nodes, and styling them was a good part of the first {@code stage.show()}. They follow once the
     * first result is shown, so they do not hold it up either, one a frame (or at once when their tab is chosen),
     * so a tab switch later costs no more than before.
     */
    private void attachHiddenTabsAfterFirstResult() {
        viewModel.explainedProperty().addListener(new ChangeListener<>() {
            @Override
            public void changed(ObservableValue<? extends Explained> obs, Explained old, Explained now) {
                if (now != null) {
                    obs.removeListener(this);
                    attachHiddenTabsOnePerFrame();
                }
            }
        });
    }

    private void attachHiddenTabsOnePerFrame() {
        Runnable[] next = new Runnable[1];
        next[0] = () -> {
            int waiting = IntStream.range(0, views.size()).filter(i -> tabs.getTabs().get(i).getContent() == null)
                    .findFirst().orElse(-1);
            if (waiting < 0) {
                scene.removePostLayoutPulseListener(next[0]);
                return;
            }
            attach(waiting);
            Platform.requestNextPulse();
        };
        scene.addPostLayoutPulseListener(next[0]);
        Platform.requestNextPulse();
    }

    /** The model a window shown for {@code request} loads first: the one it names, else the remembered one. */
    static String firstModel(LaunchRequest request, RememberedSettings settings) {
        return request.model() != null ? request.model() : settings.model(BundledModels.DEFAULT_ID);
    }

    /** The layer and head asked for at launch, once the model's first result says how many it has. */
    private void openHeadOnFirstResult(LaunchRequest request) {
        if (request.layer() == null && request.head() == null) {
            return;
        }
        viewModel.explainedProperty().addListener(new ChangeListener<>() {
            @Override
            public void changed(ObservableValue<? extends Explained> obs, Explained old, Explained now) {
                if (now == null) {
                    return;
                }
                obs.removeListener(this);
                Selection sel = viewModel.selection();
                int layer = request.layer() != null ? request.layer() : sel.layer();
                int head = request.head() != null ? request.head() : sel.head();
                AttentionResult r = now.result();
                if (layer >= r.layers() || head >= r.heads()) {
                    viewModel.report(Problem.of("No such head", "Layer " + layer + ", head " + head + " is not in "
                            + r.modelId() + ", which has " + r.layers() + " layers of " + r.heads() + " heads"
                            + " (numbered from 0)."));
                    return;
                }
                sel.openHead(layer, head);
            }
        });
    }

    /** Opens the remembered head with the first result, when the selection has the model's shape to hold it. */
    private void restoreHead(int layer, int head) {
        if (layer < 0 || head < 0) {
            return;
        }
        viewModel.explainedProperty().addListener(new ChangeListener<>() {
            @Override
            public void changed(ObservableValue<? extends Explained> obs, Explained old, Explained now) {
                obs.removeListener(this);
                viewModel.selection().layerProperty().set(layer);
                viewModel.selection().headProperty().set(head);
            }
        });
    }

    private void rememberChanges() {
        viewModel.modelKeyProperty().addListener((obs, old, now) -> settings.rememberModel(now));
        tabs.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null) {
                settings.rememberView(now.getText());
            }
        });
        appearance.colorMapNameProperty().addListener((obs, old, now) -> settings.rememberColorMap(now));
        appearance.darkProperty().addListener((obs, old, now) -> settings.rememberDark(now));
        // A model without norms turns the measure to weights with the switch disabled; that is not the user's choice.
        viewModel.selection().normsProperty().addListener((obs, old, now) -> {
            if (viewModel.whyNoNormsProperty().get().isEmpty()) {
                settings.rememberNorms(now);
            }
        });
        stage.setOnHidden(e -> {
            settings.rememberSize(scene.getWidth(), scene.getHeight());
            settings.rememberTexts(viewModel.textAProperty().get(), viewModel.textBProperty().get());
            settings.rememberHead(viewModel.selection().layer(), viewModel.selection().head());
            settings.flush();
        });
    }

    private void applyTheme() {
        scene.getStylesheets().setAll(appearance.stylesheet());
    }

    private void showView(String name) {
        tabs.getTabs().stream().filter(t -> t.getText().equals(name)).findFirst()
                .ifPresent(t -> tabs.getSelectionModel().select(t));
    }

    ExplorerView currentView() {
        int index = tabs.getSelectionModel().getSelectedIndex();
        return views.get(Math.max(0, index));
    }

    /** Opens a model folder or .onnx file, as drag and drop and the file chooser do. */
    public void openModel(Path path) {
        picker.open(path);
    }

    /** Runs on the FX thread when called from elsewhere; used by tests and the launcher alike. */
    static void onFx(Runnable r) {
        if (Platform.isFxApplicationThread()) {
            r.run();
        } else {
            Platform.runLater(r);
        }
    }

    public Scene scene() {
        return scene;
    }
}
