package io.gantry.orchestrator.cli;

import java.util.ArrayList;
import java.util.List;

/** A plain text table with columns as wide as their widest cell. */
final class TextTable {

  private final List<String> header;
  private final List<List<String>> rows = new ArrayList<>();

  TextTable(String... header) {
    this.header = List.of(header);
  }

  TextTable row(List<String> cells) {
    rows.add(cells);
    return this;
  }

  String render() {
    int[] widths = new int[header.size()];
    for (List<String> line : allLines()) {
      for (int i = 0; i < line.size(); i++) {
        widths[i] = Math.max(widths[i], line.get(i).length());
      }
    }
    StringBuilder text = new StringBuilder();
    for (List<String> line : allLines()) {
      for (int i = 0; i < line.size(); i++) {
        String cell = line.get(i);
        text.append(i == line.size() - 1 ? cell : cell + " ".repeat(widths[i] - cell.length() + 2));
      }
      text.append('\n');
    }
    return text.toString();
  }

  private List<List<String>> allLines() {
    List<List<String>> lines = new ArrayList<>();
    lines.add(header);
    lines.addAll(rows);
    return lines;
  }
}
