package io.headlight.ui.views;

import io.headlight.render.FigureExport;
import io.headlight.render.ShownMatrix;
import io.headlight.ui.Explained;
import io.headlight.ui.canvas.FigurePane;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.layout.BorderPane;
import javafx.scene.paint.Color;

import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * What every figure tab shares: a {@link FigurePane} rebuilt lazily from the shared selection and result, the
 * themed background, an optional header with a readout of what the pointer is over, and the tab plumbing. A
 * view adds only what is its own: how it builds its figure, what a point under the pointer means, its export.
 */
abstract class FigureView implements ExplorerView {
    final ViewContext context;
    final FigurePane figure = new FigurePane();
    private final String name;
    private final BorderPane root = new BorderPane(figure);
    private final LazyFigure lazy;
    private FigureHeader header;
    private GoToField goTo;
    private Point2D pointer;

    FigureView(ViewContext context, String name, String figureId) {
        this.context = context;
        this.name = name;
        figure.setId(figureId);
        lazy = new LazyFigure(figure, context, this::refresh);
        figure.setOnFigureMoved((x, y) -> {
            pointer = new Point2D(x, y);
            showPointer();
        });
        figure.setOnFigureExited(() -> {
            pointer = null;
            showPointer();
        });
    }

    /** Sets the figure's painter (or null) from the current result and selection. */
    abstract void rebuild();

    /**
     * Highlights what lies under the pointer and says what it is, or clears the highlight when {@code at} is
     * null (the pointer left the figure).
     *
     * @param at figure coordinates of the pointer, or null
     * @return the readout's text; blank for nothing
     */
    String pointAt(Point2D at) {
        return " ";
    }

    /** The figure to export, called only while there is a result and a figure. */
    abstract FigureExport exportOf(Explained shown);

    /** Puts the strip of {@code controls}, readout and zoom buttons above the figure. */
    final FigureHeader withHeader(Node... controls) {
        header = new FigureHeader(figure, controls);
        root.setTop(header.node());
        return header;
    }

    /** A "go to token" field over the matrix {@code shown} (null before a result), for the header; Ctrl+G focuses it. */
    final Node goToField(Supplier<ShownMatrix> shown, IntConsumer go) {
        goTo = new GoToField(shown, go);
        return goTo.node();
    }

    @Override
    public final void focusGoTo() {
        if (goTo != null) {
            goTo.focus();
        }
    }

    final BorderPane root() {
        return root;
    }

    /** Something the figure shows changed outside the shared selection and result. */
    final void invalidate() {
        lazy.invalidate();
    }

    // A rebuilt figure is a new figure: read what is under the pointer again, or the readout shows a stale value.
    private void refresh() {
        figure.setFigureBackground(Color.web(String.format("#%06X", context.appearance().background() & 0xFFFFFF)));
        rebuild();
        showPointer();
    }

    private void showPointer() {
        String text = pointAt(pointer);
        if (header != null) {
            header.readout().setText(text == null || text.isEmpty() ? " " : text);
        }
        figure.markDirty();
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final Node node() {
        return root;
    }

    @Override
    public final void onShown() {
        figure.markDirty();
    }

    @Override
    public final FigureExport export() {
        Explained e = context.explained();
        return e == null || figure.painter() == null ? null : exportOf(e);
    }
}
