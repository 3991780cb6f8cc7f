package io.tokenworkbench.client.support;

/**
 * The questions a view-model asks the person at the keyboard. The app answers with real dialogs; tests answer with
 * a fake of their own.
 */
public interface Dialogs {

    /**
     * Asks before something that cannot be taken back; true when the person agreed.
     *
     * @param action the button that agrees, a verb such as "Delete"
     */
    boolean confirm(String title, String question, String action);

    /** Shows something to read, such as the keyboard shortcuts; Escape or Enter closes it. */
    void inform(String title, String text);

    /**
     * Asks for a file to open or to save to.
     *
     * @param patterns file name patterns such as {@code *.yaml}
     * @return the file chosen, or empty when the person cancelled
     */
    java.util.Optional<java.nio.file.Path> chooseFile(boolean save, String title, String... patterns);
}
