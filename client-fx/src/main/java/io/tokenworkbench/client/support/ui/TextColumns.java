package io.tokenworkbench.client.support.ui;

import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.Tooltip;
import javafx.scene.text.Text;
import javafx.util.Callback;

import java.util.function.Function;

/**
 * Table columns and list rows of text that is never cut to "…": the cell wraps to the column's (or list's) width
 * and its tooltip holds the whole value. The one way the workbench's tables and lists show plain text.
 */
public final class TextColumns {

    private TextColumns() {
    }

    public static <T> TableColumn<T, String> of(String title, Function<T, String> value, double width) {
        return of(title, value, width, false);
    }

    /** As {@link #of(String, Function, double)}; {@code bold} for a column that names the row. */
    public static <T> TableColumn<T, String> of(String title, Function<T, String> value, double width, boolean bold) {
        TableColumn<T, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        column.setPrefWidth(width);
        column.setCellFactory(col -> new WrappingCell<>(col, bold));
        return column;
    }

    /** List rows that wrap {@code text} of their item to the list's width; {@code styleClasses} mark each row. */
    public static <T> Callback<ListView<T>, ListCell<T>> listCells(Function<T, String> text, String... styleClasses) {
        return list -> new WrappingListCell<>(list, text, styleClasses);
    }

    private static final class WrappingListCell<T> extends ListCell<T> {
        private final Text text = new Text();
        private final Function<T, String> toText;

        WrappingListCell(ListView<T> list, Function<T, String> toText, String... styleClasses) {
            this.toText = toText;
            setPrefWidth(0);
            text.wrappingWidthProperty().bind(list.widthProperty().subtract(36));
            text.getStyleClass().add("text");
            text.fillProperty().bind(textFillProperty());
            getStyleClass().addAll(styleClasses);
        }

        @Override
        protected void updateItem(T item, boolean empty) {
            super.updateItem(item, empty);
            setText(null);
            String value = empty || item == null ? "" : toText.apply(item);
            text.setText(value);
            setGraphic(empty || item == null ? null : text);
            setTooltip(value.isEmpty() ? null : new Tooltip(value));
        }
    }

    private static final class WrappingCell<T> extends TableCell<T, String> {
        private final Text text = new Text();

        WrappingCell(TableColumn<T, String> column, boolean bold) {
            text.wrappingWidthProperty().bind(column.widthProperty().subtract(14));
            text.getStyleClass().add("text");
            if (bold) {
                text.setStyle("-fx-font-weight: bold;");
            }
            text.fillProperty().bind(textFillProperty());
        }

        @Override
        protected void updateItem(String item, boolean empty) {
            super.updateItem(item, empty);
            setText(null);
            text.setText(empty || item == null ? "" : item);
            setGraphic(empty ? null : text);
            setTooltip(empty || item == null || item.isEmpty() ? null : new Tooltip(item));
        }
    }
}
