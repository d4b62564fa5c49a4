package org.titansync.config;

import java.nio.file.Path;
import java.util.List;

/**
 * The config cannot be used. The message names the place of every problem found, one per line, in
 * the form {@code config.toml:12 [titan.page_size]: must be between 1 and 500, got 900}, so an
 * operator can fix them all in one go. The accessors describe the first problem.
 */
public final class ConfigException extends Exception {
  private static final long serialVersionUID = 1L;

  /**
   * One thing wrong with the config.
   *
   * @param file the config file, or null when the value came from the environment
   * @param line 1-based line in the file, or 0 when it has none
   * @param column 1-based column (syntax errors only), or 0
   * @param field the dotted key, such as {@code titan.page_size}, or null
   * @param reason what is wrong; never contains a secret's value
   */
  public record Problem(Path file, int line, int column, String field, String reason) {

    /** {@code config.toml:12 [titan.page_size]: reason}, leaving out the parts that are unknown. */
    public String render() {
      StringBuilder where = new StringBuilder();
      if (file != null && (line > 0 || field != null)) {
        where.append(file.getFileName());
        if (line > 0) {
          where.append(':').append(line);
          if (column > 0) {
            where.append(':').append(column);
          }
        }
      }
      if (field != null) {
        where.append(where.length() > 0 ? " " : "").append('[').append(field).append(']');
      }
      return where.length() == 0 ? reason : where + ": " + reason;
    }
  }

  private final transient List<Problem> problems;

  ConfigException(List<Problem> problems) {
    super(render(problems));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a ConfigException needs at least one problem");
    }
    this.problems = List.copyOf(problems);
  }

  /** A single problem; {@code file} null for the environment, {@code line} 0 when unknown. */
  public ConfigException(Path file, int line, String field, String reason) {
    this(List.of(new Problem(file, line, 0, field, reason)));
  }

  private static String render(List<Problem> problems) {
    StringBuilder message = new StringBuilder();
    for (Problem problem : problems) {
      message.append(message.length() > 0 ? "\n" : "").append(problem.render());
    }
    return message.toString();
  }

  /** Every problem found, in file order. */
  public List<Problem> problems() {
    return problems;
  }

  /** The config file of the first problem, or null when it came from the environment. */
  public Path file() {
    return problems.get(0).file();
  }

  /** The line of the first problem, or 0. */
  public int line() {
    return problems.get(0).line();
  }

  /** The dotted key of the first problem, such as {@code titan.page_size}, or null. */
  public String field() {
    return problems.get(0).field();
  }

  /** The first problem's reason, without its place. */
  public String reason() {
    return problems.get(0).reason();
  }
}
