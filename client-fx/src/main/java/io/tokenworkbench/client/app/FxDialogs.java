package io.tokenworkbench.client.app;

import io.tokenworkbench.client.support.Dialogs;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.FileChooser;
import javafx.stage.Window;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

/** {@link Dialogs} as JavaFX alerts over the workbench window: Enter agrees, Escape cancels. */
public final class FxDialogs implements Dialogs {

    private final Supplier<Window> owner;

    public FxDialogs(Supplier<Window> owner) {
        this.owner = owner;
    }

    @Override
    public boolean confirm(String title, String question, String action) {
        ButtonType agree = new ButtonType(action, ButtonBar.ButtonData.OK_DONE);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, question, agree, ButtonType.CANCEL);
        alert.setTitle(title);
        alert.setHeaderText(title);
        Window window = owner.get();
        if (window != null) {
            alert.initOwner(window);
        }
        return alert.showAndWait().filter(agree::equals).isPresent();
    }

    @Override
    public void inform(String title, String text) {
        Alert alert = new Alert(Alert.AlertType.INFORMATION, text, ButtonType.CLOSE);
        alert.setTitle(title);
        alert.setHeaderText(title);
        Window window = owner.get();
        if (window != null) {
            alert.initOwner(window);
        }
        alert.getDialogPane().setMinWidth(520);
        alert.showAndWait();
    }

    @Override
    public Optional<Path> chooseFile(boolean save, String title, String... patterns) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(String.join(", ", patterns), patterns));
        File file = save ? chooser.showSaveDialog(owner.get()) : chooser.showOpenDialog(owner.get());
        return Optional.ofNullable(file).map(File::toPath);
    }
}
