package io.headlight.ui.canvas;

import javafx.application.Platform;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.geometry.Bounds;
import javafx.geometry.Insets;
import javafx.geometry.Point2D;
import javafx.geometry.Pos;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.ScrollPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Pane;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;
import javafx.scene.transform.Affine;

import java.util.function.BiConsumer;
import java.util.function.DoubleConsumer;

/**
 * A scrollable, zoomable figure drawn on one {@link Canvas} the size of the visible area, so a 512-token
 * figure never needs a canvas thousands of pixels wide. Changes only mark the figure dirty; it is redrawn at
 * most once per pulse, after layout, from whatever the painter shows then.
 *
 * <p>It starts fitted to the view and follows resizes until the user zooms: Ctrl+wheel (about the pointer),
 * +/-, or Shift+drag a box. A plain drag pans; an overview in the corner shows where the zoomed part lies and
 * a click there moves to it. A painter that {@link FigurePainter#laysOut()} is laid out for each zoom
 * instead of scaled.
 */
public final class FigurePane extends StackPane {
    private static final double MIN_ZOOM = 0.05;
    private static final double MAX_ZOOM = 8;
    private static final double MAX_FIT_ZOOM = 1.5;
    private static final double OVERVIEW = 150;
    /** The overview's small figure sits this far inside its pane, so the theme's border around it shows. */
    private static final double OVERVIEW_INSET = 1;
    private static final double MIN_BOX = 8;

    private final ScrollPane scroll = new ScrollPane();
    private final Pane content = new Pane();
    private final Canvas canvas = new Canvas();
    private final Pane overlay = new Pane();
    private final Rectangle box = new Rectangle();
    private final Pane overview = new Pane();
    private final Canvas overviewCanvas = new Canvas();
    private final Rectangle overviewView = new Rectangle();
    private final DoubleProperty zoom = new SimpleDoubleProperty(this, "zoom", 1);
    private FigurePainter painter;
    private Color background = Color.WHITE;
    private boolean fit = true;
    private boolean fitWidthOnly;
    private boolean dirty = true;
    private boolean overviewStale = true;
    private boolean listening;
    private DoubleConsumer drawTimeSink = ms -> { };
    private Runnable beforeRedraw = () -> { };
    private BiConsumer<Double, Double> moved = (x, y) -> { };
    private Runnable exited = () -> { };
    private Point2D pointerInScene;
    private Point2D lastMoved;
    private Point2D pressAt;
    private Point2D pressOffset;
    private boolean boxing;
    private Point2D pendingOffset;
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
        box.setManaged(false);
        box.setVisible(false);
        box.setFill(Color.rgb(64, 128, 255, 0.15));
        box.setStroke(Color.rgb(64, 128, 255, 0.9));
        overlay.getChildren().add(box);
        overlay.setMouseTransparent(true);
        overview.setId("figureOverview");
        overview.getChildren().addAll(overviewCanvas, overviewView);
        overviewView.setManaged(false);
        overviewView.setFill(Color.TRANSPARENT);
        overviewView.setStroke(Color.rgb(217, 72, 15));
        overviewView.setStrokeWidth(1.5);
        overviewView.setMouseTransparent(true);
        overview.setMaxSize(USE_PREF_SIZE, USE_PREF_SIZE);
        overview.setVisible(false);
        StackPane.setAlignment(overview, Pos.BOTTOM_RIGHT);
        StackPane.setMargin(overview, new Insets(0, 22, 22, 0));
        getChildren().addAll(scroll, overlay, overview);
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
            if (painter != null) {
                painter.layout(zoom.get());
            }
            resizeContent();
            overviewStale = true;
            markDirty();
        });
        addEventFilter(ScrollEvent.SCROLL, e -> {
            if (e.isControlDown() && e.getDeltaY() != 0) {
                Point2D at = scroll.sceneToLocal(e.getSceneX(), e.getSceneY());
                zoomAt(e.getDeltaY() > 0 ? 1.25 : 0.8, at.getX(), at.getY());
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
        canvas.addEventHandler(MouseEvent.MOUSE_PRESSED, e -> {
            requestFocus();
            if (e.getButton() == MouseButton.PRIMARY) {
                pressAt = new Point2D(e.getSceneX(), e.getSceneY());
                pressOffset = offset();
                boxing = e.isShiftDown();
            }
        });
        canvas.addEventHandler(MouseEvent.MOUSE_DRAGGED, e -> {
            if (pressAt == null) {
                return;
            }
            if (boxing) {
                showBox(e.getSceneX(), e.getSceneY());
            } else {
                setOffset(pressOffset.getX() - (e.getSceneX() - pressAt.getX()),
                        pressOffset.getY() - (e.getSceneY() - pressAt.getY()));
            }
        });
        canvas.addEventHandler(MouseEvent.MOUSE_RELEASED, e -> {
            if (boxing && box.isVisible() && box.getWidth() >= MIN_BOX && box.getHeight() >= MIN_BOX) {
                Point2D a = content.sceneToLocal(pressAt);
                Point2D b = content.sceneToLocal(e.getSceneX(), e.getSceneY());
                Point2D at = offset();
                zoomToViewArea(Math.min(a.getX(), b.getX()) - at.getX(), Math.min(a.getY(), b.getY()) - at.getY(),
                        Math.abs(a.getX() - b.getX()), Math.abs(a.getY() - b.getY()));
            }
            box.setVisible(false);
            pressAt = null;
            boxing = false;
        });
        canvas.setOnMouseMoved(e -> {
            pointerInScene = new Point2D(e.getSceneX(), e.getSceneY());
            firePointer();
        });
        canvas.setOnMouseDragged(e -> pointerInScene = new Point2D(e.getSceneX(), e.getSceneY()));
        canvas.setOnMouseExited(e -> {
            pointerInScene = null;
            lastMoved = null;
            exited.run();
        });
        overview.addEventHandler(MouseEvent.MOUSE_PRESSED, this::centreOnOverviewPoint);
        overview.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::centreOnOverviewPoint);
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
        if (painter != null) {
            painter.layout(zoom.get());
        }
        if (fit) {
            fitToViewport();
        }
        resizeContent();
        overviewStale = true;
        markDirty();
    }

    public FigurePainter painter() {
        return painter;
    }

    public void setFigureBackground(Color color) {
        background = color;
        overviewStale = true;
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

    /** Zooms about the middle of the view. */
    public void zoomBy(double factor) {
        Bounds view = scroll.getViewportBounds();
        zoomAt(factor, view.getWidth() / 2, view.getHeight() / 2);
    }

    /** Zooms by {@code factor} keeping the figure point under view position (x, y) where it is. */
    public void zoomAt(double factor, double viewX, double viewY) {
        Point2D before = offset();
        double oldW = content.getPrefWidth();
        double oldH = content.getPrefHeight();
        fit = false;
        zoom.set(clampZoom(zoom.get() * factor));
        double rx = oldW > 0 ? content.getPrefWidth() / oldW : 1;
        double ry = oldH > 0 ? content.getPrefHeight() / oldH : 1;
        setOffset((before.getX() + viewX) * rx - viewX, (before.getY() + viewY) * ry - viewY);
    }

    /** Zooms so that the view area (x, y, w, h) fills the view. */
    public void zoomToViewArea(double x, double y, double w, double h) {
        Bounds view = scroll.getViewportBounds();
        Point2D before = offset();
        double oldW = content.getPrefWidth();
        double oldH = content.getPrefHeight();
        double factor = Math.min(view.getWidth() / w, view.getHeight() / h);
        fit = false;
        zoom.set(clampZoom(zoom.get() * factor));
        double rx = oldW > 0 ? content.getPrefWidth() / oldW : 1;
        double ry = oldH > 0 ? content.getPrefHeight() / oldH : 1;
        double cx = (before.getX() + x + w / 2) * rx;
        double cy = (before.getY() + y + h / 2) * ry;
        setOffset(cx - view.getWidth() / 2, cy - view.getHeight() / 2);
    }

    public void fitToView() {
        fit = true;
        fitToViewport();
    }

    /** Whether the figure follows the view's size (the default, until the user zooms). */
    public boolean fitted() {
        return fit;
    }

    public DoubleProperty zoomProperty() {
        return zoom;
    }

    /** The part of the figure on screen, in figure coordinates. */
    public Rectangle2D visibleArea() {
        Bounds view = scroll.getViewportBounds();
        Point2D at = offset();
        double s = drawScale();
        return new Rectangle2D(at.getX() / s, at.getY() / s, Math.min(view.getWidth(), content.getPrefWidth()) / s,
                Math.min(view.getHeight(), content.getPrefHeight()) / s);
    }

    /** Scrolls (without zooming) so that the figure area (x, y, w, h) is on screen; centres it if it was not. */
    public void reveal(double x, double y, double w, double h) {
        Rectangle2D shown = visibleArea();
        double s = drawScale();
        double nx = x >= shown.getMinX() && x + w <= shown.getMaxX() ? shown.getMinX()
                : x + w / 2 - shown.getWidth() / 2;
        double ny = y >= shown.getMinY() && y + h <= shown.getMaxY() ? shown.getMinY()
                : y + h / 2 - shown.getHeight() / 2;
        setOffset(nx * s, ny * s);
    }

    /** Runs just before each redraw: the place to rebuild a stale figure, once per pulse at most. */
    public void setBeforeRedraw(Runnable hook) {
        beforeRedraw = hook;
    }

    public void setOnDrawn(DoubleConsumer millisSink) {
        drawTimeSink = millisSink;
    }

    /**
     * Calls {@code handler} with figure coordinates (zoom and scroll undone) for every move over the figure, and
     * again when zooming or scrolling moves the figure under a still pointer.
     */
    public void setOnFigureMoved(BiConsumer<Double, Double> handler) {
        moved = handler;
    }

    public void setOnFigureExited(Runnable handler) {
        exited = handler;
    }

    /** Calls {@code handler} with figure coordinates for every primary click on the figure that was not a drag. */
    public void setOnFigureClicked(BiConsumer<Double, Double> handler) {
        canvas.setOnMouseClicked(e -> {
            if (!e.isStillSincePress() || e.getButton() != MouseButton.PRIMARY) {
                return;
            }
            Point2D p = toFigure(e.getSceneX(), e.getSceneY());
            handler.accept(p.getX(), p.getY());
        });
    }

    /** Screen position of a figure point, e.g. for TestFX clicks and tooltips. */
    public Point2D figureToScreen(double x, double y) {
        double s = drawScale();
        return canvas.localToScreen(x * s - canvas.getLayoutX(), y * s - canvas.getLayoutY());
    }

    public Canvas canvas() {
        return canvas;
    }

    private double drawScale() {
        return painter != null && painter.laysOut() ? 1 : zoom.get();
    }

    private static double clampZoom(double z) {
        return Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, z));
    }

    private Point2D toFigure(double sceneX, double sceneY) {
        Point2D p = content.sceneToLocal(sceneX, sceneY);
        double s = drawScale();
        return new Point2D(p.getX() / s, p.getY() / s);
    }

    private void firePointer() {
        if (pointerInScene == null) {
            return;
        }
        Point2D p = toFigure(pointerInScene.getX(), pointerInScene.getY());
        if (!p.equals(lastMoved)) {
            lastMoved = p;
            moved.accept(p.getX(), p.getY());
        }
    }

    /** Top-left corner of the view in content pixels. */
    private Point2D offset() {
        if (pendingOffset != null) {
            return pendingOffset;
        }
        Bounds view = scroll.getViewportBounds();
        return new Point2D(Math.max(0, (content.getPrefWidth() - view.getWidth()) * scroll.getHvalue()),
                Math.max(0, (content.getPrefHeight() - view.getHeight()) * scroll.getVvalue()));
    }

    /**
     * Scrolls to a content offset. The scroll pane keeps its pixel position when the content is resized in the
     * next layout, which would undo a zoom's scroll; so the offset is applied again after that layout.
     */
    private void setOffset(double x, double y) {
        Bounds view = scroll.getViewportBounds();
        double spareX = content.getPrefWidth() - view.getWidth();
        double spareY = content.getPrefHeight() - view.getHeight();
        pendingOffset = new Point2D(spareX > 0 ? Math.max(0, Math.min(spareX, x)) : 0,
                spareY > 0 ? Math.max(0, Math.min(spareY, y)) : 0);
        applyOffset();
        markDirty();
    }

    private void applyOffset() {
        Bounds view = scroll.getViewportBounds();
        double spareX = content.getPrefWidth() - view.getWidth();
        double spareY = content.getPrefHeight() - view.getHeight();
        Point2D at = pendingOffset;
        pendingOffset = null;
        scroll.setHvalue(spareX > 0 ? Math.max(0, Math.min(1, at.getX() / spareX)) : 0);
        scroll.setVvalue(spareY > 0 ? Math.max(0, Math.min(1, at.getY() / spareY)) : 0);
        pendingOffset = at;
    }

    private void showBox(double sceneX, double sceneY) {
        Point2D a = overlay.sceneToLocal(pressAt);
        Point2D b = overlay.sceneToLocal(sceneX, sceneY);
        box.setX(Math.min(a.getX(), b.getX()));
        box.setY(Math.min(a.getY(), b.getY()));
        box.setWidth(Math.abs(a.getX() - b.getX()));
        box.setHeight(Math.abs(a.getY() - b.getY()));
        box.setVisible(true);
    }

    private void centreOnOverviewPoint(MouseEvent e) {
        if (painter == null) {
            return;
        }
        double k = overviewScale();
        Bounds view = scroll.getViewportBounds();
        double s = drawScale();
        setOffset((e.getX() - OVERVIEW_INSET) / k * s - view.getWidth() / 2,
                (e.getY() - OVERVIEW_INSET) / k * s - view.getHeight() / 2);
        e.consume();
    }

    private double overviewScale() {
        return Math.min(OVERVIEW / painter.width(), OVERVIEW / painter.height());
    }

    private void fitToViewport() {
        Bounds view = scroll.getViewportBounds();
        if (painter == null || view.getWidth() <= 0 || view.getHeight() <= 0) {
            return;
        }
        if (painter.laysOut()) {
            zoom.set(clampZoom(painter.scaleToFit(view.getWidth() - 2, view.getHeight() - 2)));
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
        double s = drawScale();
        content.setPrefSize(Math.ceil(painter.width() * s), Math.ceil(painter.height() * s));
        content.setMinSize(content.getPrefWidth(), content.getPrefHeight());
    }

    private void redrawIfDirty() {
        if (!dirty || !treeVisible()) {
            return;
        }
        beforeRedraw.run();
        dirty = false;
        if (pendingOffset != null) {
            applyOffset();
            pendingOffset = null;
        }
        Bounds view = scroll.getViewportBounds();
        double w = Math.max(1, Math.min(view.getWidth(), content.getPrefWidth()));
        double h = Math.max(1, Math.min(view.getHeight(), content.getPrefHeight()));
        Point2D at = offset();
        canvas.setWidth(Math.ceil(w));
        canvas.setHeight(Math.ceil(h));
        canvas.relocate(at.getX(), at.getY());
        GraphicsContext gc = canvas.getGraphicsContext2D();
        long start = System.nanoTime();
        gc.setTransform(new Affine());
        gc.setFill(background);
        gc.fillRect(0, 0, canvas.getWidth(), canvas.getHeight());
        if (painter != null) {
            double s = drawScale();
            gc.save();
            gc.setTransform(s, 0, 0, s, -at.getX(), -at.getY());
            painter.paint(gc, visibleArea());
            gc.restore();
        }
        drawOverview(view);
        drawTimeSink.accept((System.nanoTime() - start) / 1e6);
        firePointer();
    }

    /** The overview shows the whole figure small, with the part on screen outlined; only while zoomed in. */
    private void drawOverview(Bounds view) {
        boolean zoomedIn = painter != null && (content.getPrefWidth() > view.getWidth() + 1
                || content.getPrefHeight() > view.getHeight() + 1);
        overview.setVisible(zoomedIn);
        if (!zoomedIn) {
            return;
        }
        double k = overviewScale();
        double ow = Math.ceil(painter.width() * k);
        double oh = Math.ceil(painter.height() * k);
        if (overviewStale || overviewCanvas.getWidth() != ow || overviewCanvas.getHeight() != oh) {
            overviewStale = false;
            overviewCanvas.setWidth(ow);
            overviewCanvas.setHeight(oh);
            overviewCanvas.relocate(OVERVIEW_INSET, OVERVIEW_INSET);
            overview.setPrefSize(ow + 2 * OVERVIEW_INSET, oh + 2 * OVERVIEW_INSET);
            GraphicsContext gc = overviewCanvas.getGraphicsContext2D();
            gc.setTransform(new Affine());
            gc.setFill(background);
            gc.fillRect(0, 0, ow, oh);
            gc.save();
            gc.setTransform(k, 0, 0, k, 0, 0);
            painter.paint(gc, Rectangle2D.EMPTY);
            gc.restore();
        }
        Rectangle2D shown = visibleArea();
        overviewView.setX(OVERVIEW_INSET + shown.getMinX() * k);
        overviewView.setY(OVERVIEW_INSET + shown.getMinY() * k);
        overviewView.setWidth(Math.min(ow, shown.getWidth() * k));
        overviewView.setHeight(Math.min(oh, shown.getHeight() * k));
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
