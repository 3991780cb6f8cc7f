package io.tokenworkbench.client.console.ui;

import atlantafx.base.theme.Styles;
import io.tokenworkbench.client.console.RequestHistory;
import io.tokenworkbench.client.console.TextSearch;
import io.tokenworkbench.client.identity.Identity;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.util.StringConverter;

/** The request console: compose, send as anyone, read the answer; history on the left. */
public final class ConsoleView extends BorderPane {

    private static final Identity ANONYMOUS = null;

    private final ConsoleViewModel model;
    private final ObservableList<Identity> identities;

    public ConsoleView(ConsoleViewModel model, ObservableList<Identity> identities) {
        this.model = model;
        this.identities = identities;
        setId("consoleView");
        createView();
    }

    private void createView() {
        ComboBox<String> method = new ComboBox<>();
        method.setId("methodBox");
        method.getItems().setAll("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");
        method.setEditable(true);
        method.valueProperty().bindBidirectional(model.methodProperty());
        TextField path = new TextField();
        path.setId("pathField");
        path.setPromptText("/path or https://absolute/url");
        path.textProperty().bindBidirectional(model.pathProperty());
        HBox.setHgrow(path, Priority.ALWAYS);

        ComboBox<Identity> sendAs = new ComboBox<>();
        sendAs.setId("sendAsBox");
        sendAs.setPromptText("anonymous");
        sendAs.getItems().add(ANONYMOUS);
        sendAs.getItems().addAll(identities);
        identities.addListener((javafx.collections.ListChangeListener<Identity>) change -> {
            Identity chosen = sendAs.getValue();
            sendAs.getItems().setAll(identities);
            sendAs.getItems().addFirst(ANONYMOUS);
            if (chosen != null) {
                sendAs.setValue(identities.stream().filter(i -> i.id().equals(chosen.id())).findFirst().orElse(null));
            }
        });
        sendAs.setConverter(new StringConverter<>() {
            @Override
            public String toString(Identity identity) {
                return identity == null ? "anonymous" : identity.label();
            }

            @Override
            public Identity fromString(String text) {
                return null;
            }
        });
        sendAs.valueProperty().bindBidirectional(model.sendAsProperty());

        Button send = new Button("Send");
        send.setId("sendButton");
        send.getStyleClass().add(Styles.ACCENT);
        send.disableProperty().bind(model.busyProperty());
        send.setOnAction(event -> model.send());
        Button curl = new Button("Copy as curl");
        curl.setId("curlButton");
        curl.setOnAction(event -> model.copyCurl());
        method.setPrefWidth(110);
        sendAs.setPrefWidth(280);
        Label as = new Label("Send as");
        as.setLabelFor(sendAs);
        for (javafx.scene.layout.Region fixed : new javafx.scene.layout.Region[] {method, as, sendAs, send, curl}) {
            fixed.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        }
        path.setOnAction(event -> model.send());
        // Two rows, so that the path keeps its room at 1024 px and an identity's whole name shows.
        HBox pathLine = new HBox(8, method, path, send);
        pathLine.setAlignment(Pos.CENTER_LEFT);
        HBox identityLine = new HBox(8, as, sendAs, curl);
        identityLine.setAlignment(Pos.CENTER_LEFT);
        VBox requestLine = new VBox(8, pathLine, identityLine);

        TextArea headers = new TextArea();
        headers.setId("headersArea");
        headers.setPromptText("Header: value (one a line)");
        headers.setPrefRowCount(3);
        headers.textProperty().bindBidirectional(model.headersProperty());
        TextArea body = new TextArea();
        body.setId("bodyArea");
        body.setPromptText("JSON body");
        body.setPrefRowCount(5);
        body.textProperty().bindBidirectional(model.bodyProperty());
        Button pretty = new Button("Pretty-print");
        pretty.setOnAction(event -> model.prettyPrintBody());

        Label status = new Label();
        status.setId("responseStatus");
        status.getStyleClass().add(Styles.TITLE_4);
        status.setWrapText(true);
        status.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        status.textProperty().bind(model.statusProperty());
        model.outcomeProperty().addListener((obs, old, outcome) -> {
            status.getStyleClass().removeAll(Styles.SUCCESS, Styles.ACCENT, Styles.WARNING, Styles.DANGER);
            String style = styleOf(outcome);
            if (style != null) {
                status.getStyleClass().add(style);
            }
        });
        Label explanation = new Label();
        explanation.setId("responseExplanation");
        explanation.setWrapText(true);
        explanation.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        explanation.textProperty().bind(model.explanationProperty());
        Button allow = new Button("Allow this origin for the identity");
        allow.setId("allowOriginButton");
        allow.setOnAction(event -> model.allowWithheldOrigin());
        allow.visibleProperty().bind(model.withheldOriginProperty().isNotEmpty());
        allow.managedProperty().bind(allow.visibleProperty());

        TextArea responseBody = readOnly("responseBody", model.responseBodyProperty());
        TextArea responseHeaders = readOnly("responseHeaders", model.responseHeadersProperty());
        TextArea responseRaw = readOnly("responseRaw", model.responseRawProperty());
        TabPane answer = new TabPane(new Tab("Body", responseBody), new Tab("Headers", responseHeaders),
                new Tab("Raw", responseRaw));
        answer.setId("responseTabs");
        answer.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        answer.setMinHeight(160);

        TextField find = new TextField();
        find.setId("findInResponse");
        find.setPromptText("Find in the answer");
        find.setPrefColumnCount(16);
        Label found = new Label();
        found.setId("findResult");
        int[] next = {0};
        Runnable findNext = () -> {
            TextArea shown = (TextArea) answer.getSelectionModel().getSelectedItem().getContent();
            java.util.List<Integer> at = TextSearch.occurrences(shown.getText(), find.getText());
            if (at.isEmpty()) {
                found.setText(find.getText().isBlank() ? "" : "not found");
                return;
            }
            int index = next[0] % at.size();
            shown.selectRange(at.get(index), at.get(index) + find.getText().length());
            found.setText((index + 1) + " of " + at.size());
            next[0] = index + 1;
        };
        find.textProperty().addListener((obs, old, text) -> {
            next[0] = 0;
            findNext.run();
        });
        find.setOnAction(event -> findNext.run());
        HBox findBar = new HBox(8, find, found);
        findBar.setAlignment(Pos.CENTER_LEFT);

        VBox response = new VBox(8, status, explanation, allow, findBar, answer);
        VBox.setVgrow(answer, Priority.ALWAYS);

        VBox editor = new VBox(8, requestLine, new Label("Headers"), headers, new HBox(8, new Label("Body"), pretty),
                body);
        VBox.setVgrow(body, Priority.ALWAYS);
        response.setPadding(new Insets(8, 0, 0, 0));
        SplitPane compose = new SplitPane(editor, response);
        compose.setOrientation(javafx.geometry.Orientation.VERTICAL);
        compose.setDividerPositions(0.42);

        ListView<RequestHistory.Entry> history = new ListView<>(model.history());
        history.setId("historyList");
        Label emptyHistory = new Label("Sent requests appear here and are kept across restarts");
        emptyHistory.setWrapText(true);
        emptyHistory.setPadding(new Insets(12));
        history.setPlaceholder(emptyHistory);
        history.setCellFactory(list -> new HistoryCell());
        history.setOnMouseClicked(event -> {
            if (event.getClickCount() == 2) {
                model.restore(history.getSelectionModel().getSelectedItem());
            }
        });
        history.setOnKeyPressed(event -> {
            if (event.getCode() == KeyCode.ENTER) {
                model.restore(history.getSelectionModel().getSelectedItem());
            }
        });

        SplitPane split = new SplitPane(history, compose);
        split.setDividerPositions(0.22);
        getProperties().put("initial-focus", path);
        setCenter(split);
        setPadding(new Insets(12));
        sceneProperty().addListener((obs, old, scene) -> {
            if (scene != null) {
                scene.getAccelerators().put(new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN),
                        whileShown(model::send));
                scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN),
                        whileShown(() -> {
                            find.requestFocus();
                            find.selectAll();
                        }));
            }
        });
    }

    /** A shortcut's action, for the scene's accelerators: it acts only while the console is the page on show. */
    private Runnable whileShown(Runnable action) {
        return () -> {
            if (isVisible() && getScene() != null && getParent() != null) {
                action.run();
            }
        };
    }

    /** A history row: the status, coloured by its class, then what was sent and as whom, on two lines. */
    private static final class HistoryCell extends ListCell<RequestHistory.Entry> {
        HistoryCell() {
            setPrefWidth(0);
        }

        @Override
        protected void updateItem(RequestHistory.Entry entry, boolean empty) {
            super.updateItem(entry, empty);
            if (empty || entry == null) {
                setText(null);
                setGraphic(null);
                setTooltip(null);
                return;
            }
            Label code = new Label(entry.status() == 0 ? "—" : String.valueOf(entry.status()));
            code.setMinWidth(34);
            code.getStyleClass().add(Styles.TEXT_BOLD);
            String style = styleOf(outcomeOf(entry.status()));
            if (style != null) {
                code.getStyleClass().add(style);
            }
            Text what = new Text(entry.request().method() + " " + entry.request().path());
            Text who = new Text("as " + entry.identity());
            what.getStyleClass().add("text");
            who.getStyleClass().addAll("text", Styles.TEXT_MUTED);
            if (getListView() != null) {
                what.wrappingWidthProperty().bind(getListView().widthProperty().subtract(code.getMinWidth() + 40));
                who.wrappingWidthProperty().bind(what.wrappingWidthProperty());
            }
            VBox lines = new VBox(2, what, who);
            HBox row = new HBox(8, code, lines);
            row.setAlignment(Pos.TOP_LEFT);
            setText(null);
            setGraphic(row);
            setTooltip(new javafx.scene.control.Tooltip(code.getText() + " " + what.getText() + " " + who.getText()
                    + "\nDouble-click to put it back in the editor"));
        }
    }

    private static ConsoleViewModel.Outcome outcomeOf(int status) {
        return status == 0 ? ConsoleViewModel.Outcome.FAILURE : status >= 500 ? ConsoleViewModel.Outcome.SERVER_ERROR
                : status >= 400 ? ConsoleViewModel.Outcome.CLIENT_ERROR : status >= 300
                ? ConsoleViewModel.Outcome.REDIRECT : ConsoleViewModel.Outcome.SUCCESS;
    }

    private static String styleOf(ConsoleViewModel.Outcome outcome) {
        return switch (outcome) {
            case SUCCESS -> Styles.SUCCESS;
            case REDIRECT -> Styles.ACCENT;
            case CLIENT_ERROR -> Styles.WARNING;
            case SERVER_ERROR, FAILURE -> Styles.DANGER;
            case NONE -> null;
        };
    }

    private static TextArea readOnly(String id, javafx.beans.value.ObservableValue<String> text) {
        TextArea area = new TextArea();
        area.setId(id);
        area.setEditable(false);
        area.setStyle("-fx-font-family: monospace;");
        area.textProperty().bind(text);
        return area;
    }
}
