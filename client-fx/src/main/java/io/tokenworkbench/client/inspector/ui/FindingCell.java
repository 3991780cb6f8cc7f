package io.tokenworkbench.client.inspector.ui;

import atlantafx.base.theme.Styles;
import io.tokenworkbench.client.inspector.Finding;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.layout.HBox;
import javafx.scene.text.Text;

/**
 * A lint finding in a list: its severity as a coloured tag, then its code and message wrapped to the list's width,
 * so that nothing needs scrolling sideways.
 */
final class FindingCell extends ListCell<Finding> {

    private final Label severity = new Label();
    private final Text message = new Text();
    private final HBox row = new HBox(8, severity, message);

    FindingCell() {
        severity.setMinWidth(72);
        severity.getStyleClass().add(Styles.TEXT_BOLD);
        message.getStyleClass().add("text");
        message.fillProperty().bind(textFillProperty());
        listViewProperty().addListener((obs, old, list) -> {
            if (list != null) {
                message.wrappingWidthProperty().bind(list.widthProperty().subtract(severity.getMinWidth() + 48));
            }
        });
        setPrefWidth(0);
    }

    @Override
    protected void updateItem(Finding finding, boolean empty) {
        super.updateItem(finding, empty);
        severity.getStyleClass().removeAll(Styles.DANGER, Styles.WARNING, Styles.ACCENT);
        setText(null);
        if (empty || finding == null) {
            setGraphic(null);
            return;
        }
        severity.setText(finding.severity().name().toLowerCase());
        severity.getStyleClass().add(switch (finding.severity()) {
            case CRITICAL -> Styles.DANGER;
            case WARNING -> Styles.WARNING;
            case INFO -> Styles.ACCENT;
        });
        message.setText(finding.code() + " — " + finding.message());
        setGraphic(row);
    }
}
