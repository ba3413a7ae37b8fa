package dev.contentmix.analyzer.ops;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code expr:} values of a Prometheus rules file, read line by line (no YAML library in the
 * analyzer's tests): a plain value on the key's line, or a folded/literal block ({@code >-}, {@code |})
 * on the more indented lines that follow.
 */
final class RuleFiles {
    private RuleFiles() {
    }

    static List<String> exprs(List<String> lines) {
        List<String> exprs = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String stripped = line.strip();
            if (!stripped.startsWith("expr:")) {
                continue;
            }
            String value = stripped.substring("expr:".length()).strip();
            if (!value.matches("[>|][-+]?")) {
                exprs.add(value);
                continue;
            }
            int indent = indent(line);
            StringBuilder block = new StringBuilder();
            while (i + 1 < lines.size() && (lines.get(i + 1).isBlank() || indent(lines.get(i + 1)) > indent)) {
                block.append(lines.get(++i).strip()).append(' ');
            }
            exprs.add(block.toString().strip());
        }
        return exprs;
    }

    private static int indent(String line) {
        int n = 0;
        while (n < line.length() && line.charAt(n) == ' ') {
            n++;
        }
        return n;
    }
}
