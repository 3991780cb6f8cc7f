package io.tokenworkbench.client.checks.ui;

import io.tokenworkbench.client.checks.suite.SuiteProblem;
import javafx.beans.property.StringProperty;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.CodeArea;
import org.fxmisc.richtext.LineNumberFactory;
import org.fxmisc.richtext.model.StyleSpans;
import org.fxmisc.richtext.model.StyleSpansBuilder;

import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The suite editor: a RichTextFX code area with line numbers, YAML colouring and a mark on each line with a problem
 * (its message in the mark's tooltip), kept in step with the view-model's text.
 */
final class SuiteEditor extends VirtualizedScrollPane<CodeArea> {

    /**
     * YAML's few kinds of token, enough to read a suite by: comments, keys, quoted strings, {@code ${variables}},
     * numbers and list dashes. A full YAML grammar would colour nothing more that a suite uses.
     */
    private static final Pattern TOKENS = Pattern.compile(
            "(?<COMMENT>(?m)(?<=^|\\s)#.*$)"
                    + "|(?<VARIABLE>\\$\\{[^}]*})"
                    + "|(?<STRING>\"(?:[^\"\\\\\\n]|\\\\.)*\"|'(?:[^'\\n]|'')*')"
                    + "|(?<KEY>(?m)(?<=^|[\\s{,\\-])[A-Za-z_][\\w.\\-]*(?=\\s*:(?:\\s|$)))"
                    + "|(?<NUMBER>(?<![\\w.])\\d+(?![\\w.]))"
                    + "|(?<DASH>(?m)^\\s*-(?=\\s))");
    private static final List<String> GROUPS = List.of("COMMENT", "VARIABLE", "STRING", "KEY", "NUMBER", "DASH");

    private final CodeArea area;
    private final Map<Integer, String> problemsByLine = new HashMap<>();
    private boolean syncing;

    SuiteEditor(StringProperty text, ObservableList<SuiteProblem> problems) {
        super(new CodeArea());
        area = getContent();
        area.setId("suiteEditor");
        area.getStyleClass().add("suite-code");
        IntFunction<javafx.scene.Node> numbers = LineNumberFactory.get(area);
        area.setParagraphGraphicFactory(line -> {
            Label mark = new Label(problemsByLine.containsKey(line) ? "●" : " ");
            mark.getStyleClass().add("problem-mark");
            if (problemsByLine.containsKey(line)) {
                mark.setTooltip(new Tooltip(problemsByLine.get(line)));
            }
            HBox gutter = new HBox(numbers.apply(line), mark);
            gutter.setAlignment(Pos.CENTER_LEFT);
            return gutter;
        });
        area.replaceText(text.get());
        area.moveTo(0);
        area.showParagraphAtTop(0);
        highlight();
        area.textProperty().addListener((obs, old, now) -> {
            highlight();
            if (!syncing) {
                syncing = true;
                text.set(now);
                syncing = false;
            }
        });
        text.addListener((obs, old, now) -> {
            if (!syncing && !now.equals(area.getText())) {
                syncing = true;
                area.replaceText(now);
                area.moveTo(0);
                area.showParagraphAtTop(0);
                syncing = false;
            }
        });
        problems.addListener((ListChangeListener<SuiteProblem>) change -> mark(problems));
        mark(problems);
    }

    /** The code area itself: what takes the focus and the keys. */
    CodeArea area() {
        return area;
    }

    /** Puts the caret where a problem is and scrolls there. */
    void jumpTo(SuiteProblem problem) {
        if (problem == null || problem.line() <= 0 || problem.line() > area.getParagraphs().size()) {
            return;
        }
        int line = problem.line() - 1;
        int column = Math.max(0, Math.min(problem.column() - 1, area.getParagraph(line).length()));
        area.moveTo(line, column);
        area.requestFollowCaret();
        area.requestFocus();
    }

    private void mark(List<SuiteProblem> problems) {
        problemsByLine.clear();
        for (SuiteProblem problem : problems) {
            if (problem.line() > 0) {
                problemsByLine.merge(problem.line() - 1, problem.message(), (a, b) -> a + "\n" + b);
            }
        }
        for (int line = 0; line < area.getParagraphs().size(); line++) {
            area.setParagraphStyle(line, problemsByLine.containsKey(line) ? List.of("problem-line")
                    : Collections.emptyList());
        }
        // The gutter is drawn per paragraph: ask for it again so the marks follow the problems.
        area.setParagraphGraphicFactory(area.getParagraphGraphicFactory());
    }

    private void highlight() {
        String text = area.getText();
        if (!text.isEmpty()) {
            area.setStyleSpans(0, styles(text));
        }
    }

    static StyleSpans<Collection<String>> styles(String text) {
        Matcher matcher = TOKENS.matcher(text);
        StyleSpansBuilder<Collection<String>> spans = new StyleSpansBuilder<>();
        int last = 0;
        while (matcher.find()) {
            String style = GROUPS.stream().filter(group -> matcher.group(group) != null).findFirst()
                    .map(group -> "yaml-" + group.toLowerCase(java.util.Locale.ROOT)).orElse("yaml-plain");
            spans.add(Collections.emptyList(), matcher.start() - last);
            spans.add(Collections.singleton(style), matcher.end() - matcher.start());
            last = matcher.end();
        }
        spans.add(Collections.emptyList(), text.length() - last);
        return spans.create();
    }
}
