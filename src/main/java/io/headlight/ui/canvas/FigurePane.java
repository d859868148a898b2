package io.headlight.ui.canvas;

import javafx.application.Platform;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.ScrollPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Pane;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.scene.transform.Affine;

import java.util.function.BiConsumer;
import java.util.function.DoubleConsumer;

/**
 * A scrollable, zoomable figure drawn on one {@link Canvas} the size of the visible area, so a 512-token
 * figure never needs a canvas thousands of pixels wide. Changes only mark the figure dirty; it is redrawn at
 * most once per pulse, after layout, from whatever the painter shows then.
 */
public final class FigurePane extends StackPane {
    private static final double MIN_ZOOM = 0.05;
    private static final double MAX_ZOOM = 8;
    private static final double MAX_FIT_ZOOM = 1.5;

    private final ScrollPane scroll = new ScrollPane();
    private final Pane content = new Pane();
    private final Canvas canvas = new Canvas();
    private final DoubleProperty zoom = new SimpleDoubleProperty(this, "zoom", 1);
    private FigurePainter painter;
    private Color background = Color.WHITE;
    private boolean fit = true;
    private boolean fitWidthOnly;
    private boolean dirty = true;
    private boolean listening;
    private DoubleConsumer drawTimeSink = ms -> { };
    private Runnable beforeRedraw = () -> { };
    private final Runnable pulseHook = this::redrawIfDirty;

    public FigurePane() {
        createView();
        initListeners();
    }

    private void createView() {
        getStyleClass().add("figure-pane");
        scroll.getStyleClass().add("figure-area");
        canvas.setManaged(false);
        content.getChildren().add(canvas);
        content.setFocusTraversable(false);
        scroll.setContent(content);
        scroll.setPannable(false);
        getChildren().add(scroll);
        setFocusTraversable(true);
    }

    private void initListeners() {
        scroll.viewportBoundsProperty().addListener((obs, old, now) -> {
            if (fit) {
                fitToViewport();
            }
            markDirty();
        });
        scroll.hvalueProperty().addListener(obs -> markDirty());
        scroll.vvalueProperty().addListener(obs -> markDirty());
        zoom.addListener(obs -> {
            resizeContent();
            markDirty();
        });
        addEventFilter(ScrollEvent.SCROLL, e -> {
            if (e.isControlDown()) {
                zoomBy(e.getDeltaY() > 0 ? 1.25 : 0.8);
                e.consume();
            }
        });
        addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (e.isAltDown() || e.isControlDown()) {
                return;
            }
            if (e.getCode() == KeyCode.PLUS || e.getCode() == KeyCode.EQUALS || e.getCode() == KeyCode.ADD) {
                zoomBy(1.25);
                e.consume();
            } else if (e.getCode() == KeyCode.MINUS || e.getCode() == KeyCode.SUBTRACT) {
                zoomBy(0.8);
                e.consume();
            } else if (e.getCode() == KeyCode.DIGIT0 || e.getCode() == KeyCode.NUMPAD0) {
                fitToView();
                e.consume();
            }
        });
        canvas.addEventHandler(MouseEvent.MOUSE_PRESSED, e -> requestFocus());
        sceneProperty().addListener((obs, old, now) -> {
            if (old != null && listening) {
                old.removePostLayoutPulseListener(pulseHook);
                listening = false;
            }
            if (now != null) {
                now.addPostLayoutPulseListener(pulseHook);
                listening = true;
                markDirty();
            }
        });
    }

    /** Shows {@code newPainter}'s figure, fitted to the view when the user has not zoomed. */
    public void setPainter(FigurePainter newPainter) {
        this.painter = newPainter;
        if (fit) {
            fitToViewport();
        }
        resizeContent();
        markDirty();
    }


    public FigurePainter painter() {
        return painter;
    }

    public void setFigureBackground(Color color) {
        background = color;
        markDirty();
    }

    /** Tall figures (one row per token) fit the width and scroll down instead of shrinking to a strip. */
    public void setFitWidthOnly(boolean widthOnly) {
        fitWidthOnly = widthOnly;
    }

    /** Asks for one redraw at the next pulse, however many times it is called before then. */
    public void markDirty() {
        dirty = true;
        Platform.requestNextPulse();
    }

    public void zoomBy(double factor) {
        fit = false;
        zoom.set(Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, zoom.get() * factor)));
    }

    public void fitToView() {
        fit = true;
        fitToViewport();
    }

    public DoubleProperty zoomProperty() {
        return zoom;
    }

    /** Runs just before each redraw: the place to rebuild a stale figure, once per pulse at most. */
    public void setBeforeRedraw(Runnable hook) {
        beforeRedraw = hook;
    }

    public void setOnDrawn(DoubleConsumer millisSink) {
        drawTimeSink = millisSink;
    }

    /** Calls {@code handler} with figure coordinates (zoom and scroll undone) for every move over the figure. */
    public void setOnFigureMoved(BiConsumer<Double, Double> handler) {
        canvas.setOnMouseMoved(e -> {
            Point2D p = toFigure(e);
            handler.accept(p.getX(), p.getY());
        });
    }

    public void setOnFigureExited(Runnable handler) {
        canvas.setOnMouseExited(e -> handler.run());
    }

    /** Calls {@code handler} with figure coordinates for every primary click on the figure. */
    public void setOnFigureClicked(BiConsumer<Double, Double> handler) {
        canvas.setOnMouseClicked(e -> {
            Point2D p = toFigure(e);
            handler.accept(p.getX(), p.getY());
        });
    }

    /** Screen position of a figure point, e.g. for TestFX clicks and tooltips. */
    public Point2D figureToScreen(double x, double y) {
        return canvas.localToScreen(x * zoom.get() - canvas.getLayoutX(), y * zoom.get() - canvas.getLayoutY());
    }

    public Canvas canvas() {
        return canvas;
    }

    private Point2D toFigure(MouseEvent e) {
        double z = zoom.get();
        return new Point2D((e.getX() + canvas.getLayoutX()) / z, (e.getY() + canvas.getLayoutY()) / z);
    }

    private void fitToViewport() {
        Bounds view = scroll.getViewportBounds();
        if (painter == null || view.getWidth() <= 0 || view.getHeight() <= 0) {
            return;
        }
        double z = view.getWidth() / painter.width();
        if (!fitWidthOnly) {
            z = Math.min(z, view.getHeight() / painter.height());
        }
        zoom.set(Math.max(MIN_ZOOM, Math.min(MAX_FIT_ZOOM, z * 0.98)));
    }

    private void resizeContent() {
        if (painter == null) {
            content.setPrefSize(0, 0);
            return;
        }
        content.setPrefSize(Math.ceil(painter.width() * zoom.get()), Math.ceil(painter.height() * zoom.get()));
        content.setMinSize(content.getPrefWidth(), content.getPrefHeight());
    }

    private void redrawIfDirty() {
        if (!dirty || !treeVisible()) {
            return;
        }
        beforeRedraw.run();
        dirty = false;
        Bounds view = scroll.getViewportBounds();
        double w = Math.max(1, Math.min(view.getWidth(), content.getPrefWidth()));
        double h = Math.max(1, Math.min(view.getHeight(), content.getPrefHeight()));
        double x = Math.max(0, (content.getPrefWidth() - view.getWidth()) * scroll.getHvalue());
        double y = Math.max(0, (content.getPrefHeight() - view.getHeight()) * scroll.getVvalue());
        canvas.setWidth(Math.ceil(w));
        canvas.setHeight(Math.ceil(h));
        canvas.relocate(x, y);
        GraphicsContext gc = canvas.getGraphicsContext2D();
        long start = System.nanoTime();
        gc.setTransform(new Affine());
        gc.setFill(background);
        gc.fillRect(0, 0, canvas.getWidth(), canvas.getHeight());
        if (painter != null) {
            double z = zoom.get();
            gc.save();
            gc.setTransform(z, 0, 0, z, -x, -y);
            painter.paint(gc);
            gc.restore();
        }
        drawTimeSink.accept((System.nanoTime() - start) / 1e6);
    }

    // Hidden tabs stay in the scene; they redraw when shown, not while hidden.
    private boolean treeVisible() {
        for (javafx.scene.Node n = this; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return true;
    }

    /** The scene whose pulses drive this pane, for tests that wait on a redraw. */
    Scene owningScene() {
        return getScene();
    }
}
