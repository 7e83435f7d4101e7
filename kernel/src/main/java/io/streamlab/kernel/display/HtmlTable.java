package io.streamlab.kernel.display;

import java.util.ArrayList;
import java.util.List;

/** Builds the HTML and the aligned plain-text form of a small table (first rows of a Dataset or Table). */
public final class HtmlTable {
    private final List<String> columns;
    private final List<List<String>> rows = new ArrayList<>();
    private String footnote = "";

    public HtmlTable(List<String> columns) {
        this.columns = columns;
    }

    public void addRow(List<String> cells) {
        rows.add(cells);
    }

    public void footnote(String text) {
        footnote = text;
    }

    public String html() {
        StringBuilder b = new StringBuilder("<table class=\"dataframe\" border=\"1\">\n<thead><tr>");
        for (String c : columns) {
            b.append("<th>").append(escape(c)).append("</th>");
        }
        b.append("</tr></thead>\n<tbody>\n");
        for (List<String> row : rows) {
            b.append("<tr>");
            for (String cell : row) {
                b.append("<td>").append(escape(cell)).append("</td>");
            }
            b.append("</tr>\n");
        }
        b.append("</tbody>\n</table>\n");
        if (!footnote.isEmpty()) {
            b.append("<p>").append(escape(footnote)).append("</p>\n");
        }
        return b.toString();
    }

    public String text() {
        int[] width = new int[columns.size()];
        for (int i = 0; i < width.length; i++) {
            width[i] = columns.get(i).length();
            for (List<String> row : rows) {
                width[i] = Math.max(width[i], row.get(i).length());
            }
        }
        StringBuilder b = new StringBuilder();
        String rule = rule(width);
        b.append(rule).append(line(columns, width)).append(rule);
        for (List<String> row : rows) {
            b.append(line(row, width));
        }
        b.append(rule);
        if (!footnote.isEmpty()) {
            b.append(footnote).append('\n');
        }
        return b.toString();
    }

    private static String rule(int[] width) {
        StringBuilder b = new StringBuilder("+");
        for (int w : width) {
            b.append("-".repeat(w)).append('+');
        }
        return b.append('\n').toString();
    }

    private static String line(List<String> cells, int[] width) {
        StringBuilder b = new StringBuilder("|");
        for (int i = 0; i < width.length; i++) {
            b.append(" ".repeat(width[i] - cells.get(i).length())).append(cells.get(i)).append('|');
        }
        return b.append('\n').toString();
    }

    public static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '<': b.append("&lt;"); break;
                case '>': b.append("&gt;"); break;
                case '&': b.append("&amp;"); break;
                case '"': b.append("&quot;"); break;
                default: b.append(ch);
            }
        }
        return b.toString();
    }
}
