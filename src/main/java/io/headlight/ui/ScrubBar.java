package io.headlight.ui;

import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ContentDisplay;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.Slider;
import javafx.scene.control.Tooltip;
import javafx.geometry.Orientation;
import javafx.scene.layout.FlowPane;

/** Layer and head sliders with their values, and the choices every view shares. */
final class ScrubBar {
    private final Selection selection;
    private final Appearance appearance;
    private final Slider layerSlider = new Slider(0, 0, 0);
    private final Slider headSlider = new Slider(0, 0, 0);
    private final Label layerValue = new Label();
    private final Label headValue = new Label();
    private final CheckBox allHeads = new CheckBox("All heads (mean)");
    private final CheckBox rollout = new CheckBox("Rollout up to layer");
    private final CheckBox wordLevel = new CheckBox("Word level");
    private final CheckBox hideSpecial = new CheckBox("Hide [CLS]/[SEP]");
    private final ComboBox<String> colorMap = new ComboBox<>();
    private final ChoiceBox<String> measure = new ChoiceBox<>();
    private final Label measureLabel = new Label("Measure", measure);
    private final ReadOnlyStringProperty whyNoNorms;
    private FlowPane root;

    static final String WEIGHTS = "weights α";
    static final String NORMS = "norms ‖α f(x)‖";
    static final String MEASURE_TIP = "Weights α, or how far each token moves another, ‖α f(x)‖"
            + " (Kobayashi et al. 2020) (Ctrl+M)";

    /** @param whyNoNorms why the loaded model cannot give norms, "" when it can; the measure switch follows it */
    ScrubBar(Selection selection, Appearance appearance, ReadOnlyStringProperty whyNoNorms) {
        this.selection = selection;
        this.appearance = appearance;
        this.whyNoNorms = whyNoNorms;
        createView();
        initListeners();
    }

    private void createView() {
        layerSlider.setId("layerSlider");
        headSlider.setId("headSlider");
        layerValue.setId("layerValue");
        headValue.setId("headValue");
        allHeads.setId("allHeads");
        rollout.setId("rollout");
        wordLevel.setId("wordLevel");
        hideSpecial.setId("hideSpecial");
        colorMap.setId("colorMap");
        measure.setId("measure");
        measure.getItems().addAll(WEIGHTS, NORMS);
        measure.setValue(WEIGHTS);
        // The tooltip sits on the label around the choice: a disabled control shows none of its own.
        measureLabel.setContentDisplay(ContentDisplay.RIGHT);
        measureLabel.setTooltip(new Tooltip(MEASURE_TIP));
        for (Slider s : new Slider[] {layerSlider, headSlider}) {
            s.setMajorTickUnit(1);
            s.setMinorTickCount(0);
            s.setBlockIncrement(1);
            s.setSnapToTicks(true);
            s.setShowTickMarks(true);
            s.setPrefWidth(90);
        }
        layerValue.setMinWidth(24);
        headValue.setMinWidth(24);
        layerValue.getStyleClass().add("scrub-value");
        headValue.getStyleClass().add("scrub-value");
        layerSlider.setTooltip(new Tooltip("Alt+Up / Alt+Down"));
        headSlider.setTooltip(new Tooltip("Alt+Left / Alt+Right"));
        hideSpecial.setTooltip(new Tooltip("Hide [CLS] and [SEP]; each row is renormalised over the tokens left"));
        wordLevel.setTooltip(new Tooltip("Merge word pieces: sum over key pieces, mean over query pieces"));
        colorMap.getItems().addAll(Appearance.COLOR_MAP_NAMES);
        Label mapLabel = new Label("Colours");
        root = new FlowPane(6, 4,
                new Label("Layer"), layerSlider, layerValue,
                new Label("Head"), headSlider, headValue,
                allHeads, rollout, new Separator(Orientation.VERTICAL), wordLevel, hideSpecial,
                new Separator(Orientation.VERTICAL), measureLabel,
                new Separator(Orientation.VERTICAL), mapLabel, colorMap);
        root.setAlignment(Pos.CENTER_LEFT);
        root.setPadding(new Insets(2, 8, 6, 8));
        root.getStyleClass().add("scrub-bar");
    }

    private void initListeners() {
        follow(layerSlider, selection.layerProperty(), selection.layersProperty(), layerValue);
        follow(headSlider, selection.headProperty(), selection.headsProperty(), headValue);
        allHeads.selectedProperty().bindBidirectional(selection.allHeadsProperty());
        rollout.selectedProperty().bindBidirectional(selection.rolloutProperty());
        wordLevel.selectedProperty().bindBidirectional(selection.wordLevelProperty());
        hideSpecial.selectedProperty().bindBidirectional(selection.hideSpecialProperty());
        headSlider.disableProperty().bind(allHeads.selectedProperty().or(rollout.selectedProperty()));
        colorMap.valueProperty().bindBidirectional(appearance.colorMapNameProperty());
        measure.setValue(selection.normsProperty().get() ? NORMS : WEIGHTS);
        measure.valueProperty().addListener((obs, old, now) -> selection.normsProperty().set(NORMS.equals(now)));
        selection.normsProperty().addListener((obs, old, now) -> measure.setValue(now ? NORMS : WEIGHTS));
        measure.disableProperty().bind(whyNoNorms.isNotEmpty());
        whyNoNorms.addListener((obs, old, now) -> measureLabel.getTooltip().setText(now.isEmpty() ? MEASURE_TIP
                : "Norms ‖α f(x)‖ are not available for this model: " + now));
    }

    private static void follow(Slider slider, IntegerProperty index, ReadOnlyIntegerProperty count, Label value) {
        slider.maxProperty().bind(count.subtract(1));
        slider.setValue(index.get());
        value.setText(Integer.toString(index.get()));
        slider.valueProperty().addListener((obs, old, now) -> index.set((int) Math.round(now.doubleValue())));
        index.addListener((obs, old, now) -> {
            slider.setValue(now.intValue());
            value.setText(Integer.toString(now.intValue()));
        });
    }

    FlowPane node() {
        return root;
    }
}
