package org.titansync.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tomlj.TomlParseError;

/**
 * TOML syntax errors as problems with line and column, worded so that a secret on a broken line is
 * never quoted back.
 */
final class SyntaxProblems {
  // A line that sets a secret, so a syntax error on it is reported without quoting it.
  private static final Pattern SECRET_LINE =
      Pattern.compile("^\\s*(?:[\\w\"]+\\s*\\.\\s*)?\"?(?:api_key|password)\"?\\s*=(.*)$");

  private SyntaxProblems() {}

  static List<ConfigException.Problem> of(Path file, String text, List<TomlParseError> errors) {
    Set<Integer> secretLines = new LinkedHashSet<>();
    List<String> secretValues = new ArrayList<>();
    String[] lines = text.split("\\R", -1);
    for (int i = 0; i < lines.length; i++) {
      Matcher matcher = SECRET_LINE.matcher(lines[i]);
      if (matcher.matches()) {
        secretLines.add(i + 1);
        String value = matcher.group(1).strip().replaceAll("^[\"']+|[\"']+$", "");
        if (value.length() >= 3) {
          secretValues.add(value);
        }
      }
    }
    List<ConfigException.Problem> problems = new ArrayList<>();
    for (TomlParseError error : errors) {
      int line = error.position().line();
      String reason;
      if (secretLines.contains(line)) {
        reason = "syntax error in a secret's value (not shown): write it in quotes, as in \"...\"";
      } else {
        reason = "syntax error: " + error.getMessage();
        for (String secret : secretValues) {
          reason = reason.replace(secret, "***");
        }
      }
      problems.add(
          new ConfigException.Problem(file, line, error.position().column(), null, reason));
    }
    return problems;
  }
}
