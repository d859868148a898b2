package io.headlight.ui.views;

import io.headlight.ui.canvas.FigurePane;
import io.headlight.ui.canvas.FxFonts;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/** The strip above a figure: view-specific controls, a readout of what the pointer is over, and zoom buttons. */
final class FigureHeader {
    private final HBox root = new HBox(6);
    private final Label readout = new Label(" ");

    FigureHeader(FigurePane figure, Node... controls) {
        Button fit = new Button("Fit");
        fit.setTooltip(new Tooltip("Fit the figure to the view (0)"));
        fit.setOnAction(e -> figure.fitToView());
        Button smaller = new Button("−");
        smaller.setTooltip(new Tooltip("Zoom out (- or Ctrl+wheel)"));
        smaller.setOnAction(e -> figure.zoomBy(0.8));
        Button larger = new Button("+");
        larger.setTooltip(new Tooltip("Zoom in (+ or Ctrl+wheel)"));
        larger.setOnAction(e -> figure.zoomBy(1.25));
        for (Button b : new Button[] {fit, smaller, larger}) {
            b.setFocusTraversable(false);
        }
        readout.getStyleClass().add("hover-readout");
        readout.setMinWidth(200);
        FxFonts.follow(readout, readout.textProperty());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        root.getChildren().addAll(controls);
        root.getChildren().addAll(readout, gap, fit, smaller, larger);
        root.setAlignment(Pos.CENTER_LEFT);
        root.setPadding(new Insets(4, 8, 4, 8));
    }

    HBox node() {
        return root;
    }

    Label readout() {
        return readout;
    }
}
