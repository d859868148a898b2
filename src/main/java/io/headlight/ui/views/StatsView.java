package io.headlight.ui.views;

import io.headlight.render.StatGridFigure;
import io.headlight.render.FigureExport;
import io.headlight.render.SurfaceExport;
import io.headlight.render.HeadStatTable;

import io.headlight.model.AttentionResult;
import io.headlight.ui.Explained;
import io.headlight.ui.Selection;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Point2D;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/** Head statistics (Clark et al. 2019): a sortable table of heads and the L x H grid; a click opens the head. */
public final class StatsView extends FigureView {
    /** One head's value of the chosen statistic. */
    public record HeadRow(int layer, int head, float value, Float other, String label) {
    }

    private final Function<AttentionResult, HeadStatTable> statistics;
    private final ComboBox<String> statistic = new ComboBox<>();
    private final TableView<HeadRow> table = new TableView<>();
    /** The chosen share measured the other way (weights or norms), when the result has both. */
    private final TableColumn<HeadRow, Float> other = new TableColumn<>();
    private AttentionResult statsFor;
    private HeadStatTable stats;
    private StatGridFigure drawn;
    /** Set while the table's selection is made to follow the shared one, so it does not open a head itself. */
    private boolean following;

    public StatsView(ViewContext context, Function<AttentionResult, HeadStatTable> statistics) {
        super(context, "Head stats", "statsFigure");
        this.statistics = statistics;
        createView();
        initListeners();
    }

    private void createView() {
        statistic.setId("statistic");
        table.setId("statsTable");
        table.getColumns().add(column("Layer", r -> r.layer()));
        table.getColumns().add(column("Head", r -> r.head()));
        TableColumn<HeadRow, Float> value = column("Value", r -> r.value());
        value.setCellFactory(c -> new FourDigitCell());
        value.setSortType(TableColumn.SortType.DESCENDING);
        table.getColumns().add(value);
        other.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue().other()));
        other.setCellFactory(c -> new FourDigitCell());
        other.setId("otherMeasure");
        other.setVisible(false);
        table.getColumns().add(other);
        TableColumn<HeadRow, String> label = column("Label", r -> r.label());
        label.setMinWidth(120);
        table.getColumns().add(label);
        table.getSortOrder().add(value);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPrefWidth(420);
        table.setMinWidth(360);
        withHeader(new Label("Statistic"), statistic);
        SplitPane split = new SplitPane(table, figure);
        split.setDividerPositions(0.33);
        SplitPane.setResizableWithParent(table, false);
        root().setCenter(split);
    }

    private static final class FourDigitCell extends javafx.scene.control.TableCell<HeadRow, Float> {
        @Override
        protected void updateItem(Float v, boolean empty) {
            super.updateItem(v, empty);
            setText(empty || v == null ? null : String.format(Locale.ROOT, "%.4f", v));
        }
    }

    private static <T> TableColumn<HeadRow, T> column(String name, Function<HeadRow, T> value) {
        TableColumn<HeadRow, T> c = new TableColumn<>(name);
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        return c;
    }

    private void initListeners() {
        statistic.valueProperty().addListener(obs -> {
            fillTable();
            invalidate();
        });
        table.setRowFactory(t -> {
            TableRow<HeadRow> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (!row.isEmpty() && e.getClickCount() == 2) {
                    open(row.getItem().layer(), row.getItem().head());
                }
            });
            return row;
        });
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null && !following) {
                context.selection().openHead(now.layer(), now.head());
            }
        });
        figure.setOnFigureClicked((x, y) -> {
            int[] at = drawn == null ? null : drawn.headAt(x, y);
            if (at != null) {
                open(at[0], at[1]);
            }
        });
    }

    @Override
    String pointAt(Point2D p) {
        int[] at = drawn == null || p == null ? null : drawn.headAt(p.getX(), p.getY());
        if (at == null || stats == null) {
            return " ";
        }
        float v = stats.values(statistic.getValue())[at[0]][at[1]];
        String label = stats.label(statistic.getValue(), v);
        return String.format(Locale.ROOT, "layer %d · head %d: %.4f%s — click to open", at[0], at[1], v,
                label.isEmpty() ? "" : " (" + label + ")");
    }

    private void open(int layer, int head) {
        context.selection().openHead(layer, head);
        context.showView("Heatmap");
    }

    private void ensureStats() {
        Explained e = context.explained();
        if (e == null) {
            stats = null;
            statsFor = null;
            return;
        }
        if (statsFor != e.result()) {
            statsFor = e.result();
            stats = statistics.apply(statsFor);
            String keep = statistic.getValue();
            statistic.getItems().setAll(stats.statistics());
            statistic.setValue(keep != null && stats.statistics().contains(keep) ? keep : stats.statistics().get(0));
            fillTable();
        }
    }

    private void fillTable() {
        if (stats == null || statistic.getValue() == null) {
            table.getItems().clear();
            return;
        }
        String name = statistic.getValue();
        float[][] v = stats.values(name);
        Optional<String> counterpart = stats.counterpart(name);
        float[][] w = counterpart.map(stats::values).orElse(null);
        other.setVisible(w != null);
        other.setText(counterpart.map(StatsView::measureOf).orElse(""));
        List<HeadRow> rows = new ArrayList<>();
        for (int l = 0; l < v.length; l++) {
            for (int h = 0; h < v[l].length; h++) {
                rows.add(new HeadRow(l, h, v[l][h], w == null ? null : w[l][h], stats.label(name, v[l][h])));
            }
        }
        table.getItems().setAll(rows);
        table.sort();
    }

    /** The other column's heading, short enough for its width: which measure it holds. */
    private static String measureOf(String statistic) {
        return statistic.contains("‖α f(x)‖") ? "norms" : "weights";
    }

    @Override
    void rebuild() {
        ensureStats();
        if (stats == null || statistic.getValue() == null) {
            drawn = null;
            figure.setPainter(null);
            return;
        }
        Selection sel = context.selection();
        boolean single = !sel.allHeadsProperty().get() && !sel.rolloutProperty().get();
        drawn = new StatGridFigure(statsFor.modelId() + " · " + statistic.getValue() + " per head",
                stats.values(statistic.getValue()), context.appearance().colorMap(), context.appearance().foreground(),
                context.appearance().accent(), single ? sel.layer() : -1, single ? sel.head() : -1);
        StatGridFigure grid = drawn;
        figure.setPainter(new HeadGridPainter(grid, (l, h) -> new Point2D(grid.centerX(h), grid.centerY(l))));
        selectRow(single ? sel.layer() : -1, single ? sel.head() : -1);
    }

    /**
     * Highlights the shown head's row, as the grid outlines its cell; none while a mean or rollout is shown. The
     * table scrolls only when the head was chosen elsewhere, so a clicked row stays under the pointer.
     */
    private void selectRow(int layer, int head) {
        HeadRow row = table.getItems().stream().filter(r -> r.layer() == layer && r.head() == head).findFirst()
                .orElse(null);
        HeadRow now = table.getSelectionModel().getSelectedItem();
        if (row == null ? now == null : row.equals(now)) {
            return;
        }
        following = true;
        try {
            if (row == null) {
                table.getSelectionModel().clearSelection();
                return;
            }
            table.getSelectionModel().select(row);
            table.scrollTo(Math.max(0, table.getItems().indexOf(row) - 3));
        } finally {
            following = false;
        }
    }

    @Override
    FigureExport exportOf(Explained e) {
        return new SurfaceExport("head-stats-" + e.result().modelId() + "-" + statistic.getValue(), drawn,
                context.shownMatrix(), context.appearance().background());
    }
}
