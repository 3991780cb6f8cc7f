package io.tokenworkbench.client.app;

import io.tokenworkbench.client.support.TextClipboard;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;

/** The system clipboard, as {@link TextClipboard}; call on the FX thread. */
public final class FxClipboard implements TextClipboard {

    @Override
    public void copy(String text) {
        ClipboardContent content = new ClipboardContent();
        content.putString(text);
        Clipboard.getSystemClipboard().setContent(content);
    }
}
