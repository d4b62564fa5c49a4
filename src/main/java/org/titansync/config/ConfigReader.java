package org.titansync.config;

import java.math.BigDecimal;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

/**
 * Typed reads from a parsed config that never throw: a missing key gives the default, a bad value
 * gives the default and records a problem naming file, line and key. The loader reads everything,
 * then throws once with every problem.
 */
final class ConfigReader {
  private final Path file;
  private final TomlTable root;
  private final List<ConfigException.Problem> problems = new ArrayList<>();

  /**
   * @param file the config file, or null when reading the empty config of {@link
   *     ConfigLoader#defaults}
   */
  ConfigReader(Path file, TomlTable root) {
    this.file = file;
    this.root = root;
  }

  TomlTable root() {
    return root;
  }

  /** The dotted form of a key path, quoting names that need it ({@code sites.aliases."St. X"}). */
  static String field(List<String> path) {
    return Toml.joinKeyPath(path);
  }

  /** The 1-based line where {@code path} is set, or 0 when it is not. */
  int line(List<String> path) {
    TomlPosition position = root.inputPositionOf(path);
    return position == null ? 0 : position.line();
  }

  void problem(List<String> path, String reason) {
    problemAt(line(path), field(path), reason);
  }

  void problemAt(int line, String field, String reason) {
    problems.add(new ConfigException.Problem(file, line, 0, field, reason));
  }

  /** A value from the environment that cannot be used; it has no file or line. */
  void environmentProblem(String field, String reason) {
    problems.add(new ConfigException.Problem(null, 0, 0, field, reason));
  }

  boolean hasProblems() {
    return !problems.isEmpty();
  }

  /** Every problem so far, in file order; those without a line (environment, required) last. */
  List<ConfigException.Problem> problems() {
    List<ConfigException.Problem> sorted = new ArrayList<>(problems);
    sorted.sort(
        Comparator.comparingInt(
            (ConfigException.Problem p) -> p.line() > 0 ? p.line() : Integer.MAX_VALUE));
    return sorted;
  }

  boolean isSet(String table, String key) {
    return root.get(List.of(table, key)) != null;
  }

  /** The table at {@code path}; empty when it is not set or is not a table (a problem then). */
  Optional<TomlTable> table(List<String> path) {
    Object value = root.get(path);
    if (value == null) {
      return Optional.empty();
    }
    if (value instanceof TomlTable table) {
      return Optional.of(table);
    }
    problem(path, "must be a table, got " + describe(path, value));
    return Optional.empty();
  }

  String string(String table, String key, String fallback) {
    return string(List.of(table, key), fallback);
  }

  String string(List<String> path, String fallback) {
    Object value = root.get(path);
    if (value == null) {
      return fallback;
    }
    if (value instanceof String text) {
      return text;
    }
    problem(path, "must be a string, got " + describe(path, value));
    return fallback;
  }

  boolean bool(String table, String key, boolean fallback) {
    List<String> path = List.of(table, key);
    Object value = root.get(path);
    if (value == null) {
      return fallback;
    }
    if (value instanceof Boolean flag) {
      return flag;
    }
    problem(path, "must be true or false, got " + describe(path, value));
    return fallback;
  }

  int integer(String table, String key, int fallback, int min, int max) {
    return (int) whole(table, key, fallback, min, max);
  }

  long whole(String table, String key, long fallback, long min, long max) {
    List<String> path = List.of(table, key);
    Object value = root.get(path);
    if (value == null) {
      return fallback;
    }
    if (!(value instanceof Long number)) {
      problem(path, "must be a whole number, got " + describe(path, value));
      return fallback;
    }
    if (number < min || number > max) {
      problem(path, rangeText(min, max) + ", got " + number);
      return fallback;
    }
    return number;
  }

  /**
   * A number (an integer is accepted too).
   *
   * @param minExclusive whether {@code min} itself is refused ("greater than 0")
   */
  double decimal(
      String table, String key, double fallback, double min, boolean minExclusive, double max) {
    List<String> path = List.of(table, key);
    Object value = root.get(path);
    if (value == null) {
      return fallback;
    }
    double number;
    if (value instanceof Long whole) {
      number = whole;
    } else if (value instanceof Double fraction) {
      number = fraction;
    } else {
      problem(path, "must be a number, got " + describe(path, value));
      return fallback;
    }
    boolean tooLow = minExclusive ? !(number > min) : !(number >= min);
    if (Double.isNaN(number) || tooLow || number > max) {
      String rule =
          minExclusive
              ? "must be greater than "
                  + format(min)
                  + (max == Double.MAX_VALUE ? "" : " and at most " + format(max))
              : max == Double.MAX_VALUE
                  ? "must be at least " + format(min)
                  : "must be between " + format(min) + " and " + format(max);
      problem(path, rule + ", got " + format(number));
      return fallback;
    }
    return number;
  }

  /** An array of strings; a single string is taken as a list of one. */
  List<String> strings(String table, String key, List<String> fallback) {
    return strings(List.of(table, key), fallback);
  }

  List<String> strings(List<String> path, List<String> fallback) {
    Object value = root.get(path);
    if (value == null) {
      return fallback;
    }
    if (value instanceof String single) {
      return List.of(single);
    }
    if (!(value instanceof TomlArray array)) {
      problem(path, "must be an array of strings, got " + describe(path, value));
      return fallback;
    }
    List<String> result = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      Object element = array.get(i);
      if (element instanceof String text) {
        result.add(text);
      } else {
        // The key's line, not the item's: tomlj places an item at the comma before it.
        problem(
            path,
            "must be an array of strings, but item " + (i + 1) + " is " + describe(path, element));
        return fallback;
      }
    }
    return result;
  }

  /**
   * A list of names, stripped, in the order of the file without repeats; an empty entry is a
   * problem.
   */
  Set<String> names(String table, String key, boolean lowerCase) {
    Set<String> result = new LinkedHashSet<>();
    for (String value : strings(table, key, List.of())) {
      String name = value.strip();
      if (name.isEmpty()) {
        problem(List.of(table, key), "entries cannot be empty");
      } else {
        result.add(lowerCase ? name.toLowerCase(Locale.ROOT) : name);
      }
    }
    return result;
  }

  /**
   * A path key that may be left out, resolved against {@code baseDir}: null when unset or empty.
   */
  Path optionalPath(List<String> path, Path baseDir) {
    String text = string(path, "").strip();
    if (text.isEmpty()) {
      return null;
    }
    try {
      return baseDir.resolve(text).normalize();
    } catch (InvalidPathException e) {
      problem(path, "is not a valid path: " + e.getReason());
      return null;
    }
  }

  /** One of the enum's names, written in lower case in the file (case is forgiven). */
  <E extends Enum<E>> E word(String table, String key, E fallback, Class<E> type) {
    List<String> path = List.of(table, key);
    String text = string(path, null);
    if (text == null) {
      return fallback;
    }
    List<String> allowed = new ArrayList<>();
    for (E constant : type.getEnumConstants()) {
      String name = constant.name().toLowerCase(Locale.ROOT);
      if (name.equals(text.trim().toLowerCase(Locale.ROOT))) {
        return constant;
      }
      allowed.add(name);
    }
    problem(path, notOneOf(text, allowed));
    return fallback;
  }

  /** {@code must be one of "a", "b"; got "c" (did you mean "b"?)}. */
  static String notOneOf(String text, List<String> allowed) {
    StringBuilder reason = new StringBuilder("must be one of ");
    for (int i = 0; i < allowed.size(); i++) {
      reason.append(i > 0 ? ", " : "").append('"').append(allowed.get(i)).append('"');
    }
    reason.append("; got \"").append(text).append('"');
    ConfigKeys.closest(text.trim(), allowed)
        .ifPresent(near -> reason.append(" (did you mean \"").append(near).append("\"?)"));
    return reason.toString();
  }

  /** What a value is, with the value itself unless the key holds a secret. */
  static String describe(List<String> path, Object value) {
    String kind;
    if (value instanceof String) {
      kind = "a string";
    } else if (value instanceof Long) {
      kind = "an integer";
    } else if (value instanceof Double) {
      kind = "a float";
    } else if (value instanceof Boolean) {
      kind = "a boolean";
    } else if (value instanceof TomlArray) {
      return "an array";
    } else if (value instanceof TomlTable) {
      return "a table";
    } else if (value instanceof TemporalAccessor) {
      kind = "a date/time";
    } else {
      return "a " + value.getClass().getSimpleName();
    }
    if (path.size() >= 2 && ConfigKeys.SECRETS.contains(path.get(0) + "." + path.get(1))) {
      return kind;
    }
    String shown = value instanceof String text ? '"' + text + '"' : String.valueOf(value);
    return kind + " (" + shown + ")";
  }

  private static String rangeText(long min, long max) {
    if (max == Long.MAX_VALUE || max == Integer.MAX_VALUE) {
      return "must be at least " + min;
    }
    return "must be between " + min + " and " + max;
  }

  static String format(double number) {
    if (Double.isNaN(number) || Double.isInfinite(number)) {
      return String.valueOf(number);
    }
    return BigDecimal.valueOf(number).stripTrailingZeros().toPlainString();
  }
}
