package io.tokenworkbench.client.inspector.ui;

import atlantafx.base.theme.Styles;
import io.tokenworkbench.client.inspector.Finding;
import javafx.scene.control.ListCell;

/** A lint finding in a list: its severity and message, wrapped, coloured by severity. */
final class FindingCell extends ListCell<Finding> {

    @Override
    protected void updateItem(Finding finding, boolean empty) {
        super.updateItem(finding, empty);
        getStyleClass().removeAll(Styles.DANGER, Styles.WARNING, Styles.ACCENT);
        setWrapText(true);
        setPrefWidth(0);
        if (empty || finding == null) {
            setText(null);
            return;
        }
        setText(finding.severity() + "  " + finding.code() + " — " + finding.message());
        getStyleClass().add(switch (finding.severity()) {
            case CRITICAL -> Styles.DANGER;
            case WARNING -> Styles.WARNING;
            case INFO -> Styles.ACCENT;
        });
    }
}
